import { decimal, integer, nullable, text } from '../../storage/columns';
import { defineTable } from '../../storage/table';

/** Partner totals (the domain's PartnerTotals), plus its model and clients attached now. */
export const partnerTotalsTable = defineTable(
  'balance_partners',
  {
    partnerId: text,
    model: text,
    trades: integer,
    lots: decimal,
    remuneration: decimal,
    rebates: decimal,
    net: decimal,
    clients: integer,
  },
  ['partnerId'],
);

/** A partner's totals of the trades that closed on one UTC day. */
export const partnerDaysTable = defineTable(
  'balance_partner_days',
  {
    partnerId: text,
    day: text,
    trades: integer,
    lots: decimal,
    remuneration: decimal,
    rebates: decimal,
    net: decimal,
  },
  ['partnerId', 'day'],
);

/** The domain's ClientAccount. */
export const clientAccountsTable = defineTable(
  'balance_clients',
  {
    clientId: text,
    partnerId: nullable(text),
    trades: integer,
    lots: decimal,
    rebates: decimal,
    paidOut: decimal,
  },
  ['clientId'],
);

/** A client's trades by close day and payouts by run day. */
export const clientDaysTable = defineTable(
  'balance_client_days',
  {
    clientId: text,
    day: text,
    trades: integer,
    lots: decimal,
    rebates: decimal,
    paidOut: decimal,
  },
  ['clientId', 'day'],
);

/**
 * A client's account as attributed to one partner: the accruals made under that partner, their
 * reversals, and the payouts that name it. A client that moved partners has one row per partner,
 * so a partner reads only its own period. `partnerId` is the key, not the attachment now.
 */
export const partnerClientAccountsTable = defineTable(
  'balance_partner_clients',
  {
    partnerId: text,
    clientId: text,
    trades: integer,
    lots: decimal,
    rebates: decimal,
    paidOut: decimal,
  },
  ['partnerId', 'clientId'],
);

/** `partnerClientAccountsTable` by UTC day, as `clientDaysTable`. */
export const partnerClientDaysTable = defineTable(
  'balance_partner_client_days',
  {
    partnerId: text,
    clientId: text,
    day: text,
    trades: integer,
    lots: decimal,
    rebates: decimal,
    paidOut: decimal,
  },
  ['partnerId', 'clientId', 'day'],
);

/** A reversal carries no close time; it counts on its trade's close day, remembered here. */
export const tradeDaysTable = defineTable('balance_trade_days', { tradeId: text, day: text }, [
  'tradeId',
]);

export type PartnerTotalsRow = ReturnType<typeof partnerTotalsTable.decode>;
export type PartnerDayRow = ReturnType<typeof partnerDaysTable.decode>;
export type ClientAccountRow = ReturnType<typeof clientAccountsTable.decode>;
export type ClientDayRow = ReturnType<typeof clientDaysTable.decode>;
export type PartnerClientAccountRow = ReturnType<typeof partnerClientAccountsTable.decode>;
export type PartnerClientDayRow = ReturnType<typeof partnerClientDaysTable.decode>;
