import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';

/** Path parameters: identifiers follow the input lines' rule (rules section 14). */
export const NoParams = t.type({}, 'NoParams');
export const PartnerPath = t.type({ partnerId: Identifier }, 'PartnerPath');
export const ClientPath = t.type({ clientId: Identifier }, 'ClientPath');
export const PartnerClientPath = t.type(
  { partnerId: Identifier, clientId: Identifier },
  'PartnerClientPath',
);
export const AccountTypePath = t.type({ accountType: Identifier }, 'AccountTypePath');
export const PartnerAccountTypePath = t.type(
  { partnerId: Identifier, accountType: Identifier },
  'PartnerAccountTypePath',
);

export const NoQuery = t.type({}, 'NoQuery');
