import * as t from 'io-ts';
import { Identifier, PayoutIdText } from '@rebate/domain';

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

export const AccountTypeSymbolPath = t.type(
  { accountType: Identifier, symbol: Identifier },
  'AccountTypeSymbolPath',
);
export const PartnerAccountTypeSymbolPath = t.type(
  { partnerId: Identifier, accountType: Identifier, symbol: Identifier },
  'PartnerAccountTypeSymbolPath',
);
export const PartnerChildPath = t.type(
  { partnerId: Identifier, childId: Identifier },
  'PartnerChildPath',
);
/** A sub-partner below the partner, direct or indirect. */
export const PartnerSubPartnerPath = t.type(
  { partnerId: Identifier, subPartnerId: Identifier },
  'PartnerSubPartnerPath',
);
export const PayoutPath = t.type({ payoutId: PayoutIdText }, 'PayoutPath');
export const RunPath = t.type({ runId: Identifier }, 'RunPath');

export const NoQuery = t.type({}, 'NoQuery');
