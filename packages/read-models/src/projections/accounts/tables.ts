import {
  type DatabaseOf,
  type RowOf,
  defineTable,
  decimal,
  nullable,
  text,
} from '../../storage/schema';

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
export const accountTotalsTable = defineTable('accountTotals', accountColumns, [
  'partnerId',
  'clientId',
  'kind',
  'asset',
]);

/**
 * Every account's debits and credits per asset and UTC day: a trade's postings (its reversal's
 * too) on its close day, a payout request's on the run's day, a payout result's on its own `at`.
 */
export const accountDaysTable = defineTable('accountDays', { ...accountColumns, day: text }, [
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
  'accountPartners',
  { partnerId: text, model: text, parentId: nullable(text) },
  ['partnerId'],
);

/** Every client the ledger knows and the partner it is attached to now (null: none). */
export const accountClientsTable = defineTable(
  'accountClients',
  { clientId: text, partnerId: nullable(text) },
  ['clientId'],
);

/** A reversal carries no close time; it posts on its trade's close day, remembered here. */
export const accountTradeDaysTable = defineTable('accountTradeDays', { tradeId: text, day: text }, [
  'tradeId',
]);

export type AccountTotalRow = RowOf<typeof accountTotalsTable.columns>;
export type AccountDayRow = RowOf<typeof accountDaysTable.columns>;
export type AccountPartnerRow = RowOf<typeof accountPartnersTable.columns>;
export type AccountClientRow = RowOf<typeof accountClientsTable.columns>;

/** Every table of the accounts projection. */
export const ACCOUNTS_TABLES = [
  accountTotalsTable,
  accountDaysTable,
  accountPartnersTable,
  accountClientsTable,
  accountTradeDaysTable,
] as const;

/** The projection's tables as Kysely sees them, derived from their definitions. */
export type AccountsDatabase = DatabaseOf<typeof ACCOUNTS_TABLES>;
