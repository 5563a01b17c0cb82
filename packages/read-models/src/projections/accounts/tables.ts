import { decimal, nullable, text } from '../../storage/columns';
import { defineTable } from '../../storage/table';

/**
 * The accounts projection's tables, each defined once here (the migrations create the same
 * columns; a test compares them on both databases). An account is keyed by its structure:
 * `kind` and the partner and client ids, '' where the kind has none (ids are never empty).
 * `account` is its name as finance reads it (`client:C@P`), for the trial balance.
 */

const accountColumns = {
  kind: text,
  partnerId: text,
  clientId: text,
  asset: text,
  account: text,
  /** Sum of what left the account (postings `from` it). */
  debits: decimal,
  /** Sum of what arrived (postings `to` it). */
  credits: decimal,
};

/** Every account's debits and credits per asset, all time. */
export const accountTotalsTable = defineTable('account_totals', accountColumns, [
  'partnerId',
  'clientId',
  'kind',
  'asset',
]);

/**
 * Every account's debits and credits per asset and UTC day: a trade's postings (its reversal's
 * too) on its close day, a payout's on the run's day.
 */
export const accountDaysTable = defineTable('account_days', { ...accountColumns, day: text }, [
  'partnerId',
  'clientId',
  'kind',
  'asset',
  'day',
]);

/**
 * Registered partners, their model and their parent (null: a top-level partner; fixed at
 * registration): a partner with no postings yet still has a balance, and the sub-partner tree
 * is read beside its figures.
 */
export const accountPartnersTable = defineTable(
  'account_partners',
  { partnerId: text, model: text, parentId: nullable(text) },
  ['partnerId'],
);

/** Every client the ledger knows and the partner it is attached to now (null: none). */
export const accountClientsTable = defineTable(
  'account_clients',
  { clientId: text, partnerId: nullable(text) },
  ['clientId'],
);

/** A reversal carries no close time; it posts on its trade's close day, remembered here. */
export const accountTradeDaysTable = defineTable(
  'account_trade_days',
  { tradeId: text, day: text },
  ['tradeId'],
);

export type AccountTotalRow = ReturnType<typeof accountTotalsTable.decode>;
export type AccountDayRow = ReturnType<typeof accountDaysTable.decode>;
export type AccountPartnerRow = ReturnType<typeof accountPartnersTable.decode>;
export type AccountClientRow = ReturnType<typeof accountClientsTable.decode>;
