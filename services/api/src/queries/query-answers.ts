import * as t from 'io-ts';
import {
  Accrual,
  ClientBalance,
  ClientDay,
  PartnerBalance,
  PartnerDay,
  SubPartner,
  SubPartnerDay,
} from '@rebate/read-models';

/** Query answers: the read models' own codecs, wrapped so lists can grow fields later. */

export const PartnerList = t.type({ items: t.array(PartnerBalance) }, 'PartnerList');
export const ClientList = t.type({ items: t.array(ClientBalance) }, 'ClientList');

export const PartnerStatement = t.type(
  { partnerId: t.string, from: t.string, to: t.string, days: t.array(PartnerDay) },
  'PartnerStatement',
);
export type PartnerStatement = t.TypeOf<typeof PartnerStatement>;

export const ClientStatement = t.type(
  { clientId: t.string, from: t.string, to: t.string, days: t.array(ClientDay) },
  'ClientStatement',
);
export type ClientStatement = t.TypeOf<typeof ClientStatement>;

export const AccrualPage = t.type(
  { items: t.array(Accrual), nextCursor: t.union([t.string, t.null]) },
  'AccrualPage',
);

/** A partner's sub-partners, direct and indirect, depth first; each with its `parentId`. */
export const SubPartnerTree = t.type(
  { partnerId: t.string, items: t.array(SubPartner) },
  'SubPartnerTree',
);
export type SubPartnerTree = t.TypeOf<typeof SubPartnerTree>;

export const SubPartnerStatement = t.type(
  {
    partnerId: t.string,
    subPartnerId: t.string,
    from: t.string,
    to: t.string,
    days: t.array(SubPartnerDay),
  },
  'SubPartnerStatement',
);
export type SubPartnerStatement = t.TypeOf<typeof SubPartnerStatement>;
