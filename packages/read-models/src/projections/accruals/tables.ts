import {
  type DatabaseOf,
  type RowOf,
  defineTable,
  decimal,
  nullable,
  position,
  text,
} from '../../storage/schema';

/**
 * One row per attributed trade, as its RebateAccrued recorded it, with the time it was voided.
 * Keyed by trade (a reversal finds its row); `position` is unique and orders the list.
 */
export const accrualsTable = defineTable(
  'accruals',
  {
    tradeId: text,
    position,
    clientId: text,
    partnerId: text,
    closedAt: text,
    accountType: text,
    symbol: text,
    lots: decimal,
    usdPerLot: decimal,
    remuneration: decimal,
    percent: decimal,
    rateRule: text,
    rebate: decimal,
    net: decimal,
    reversedAt: nullable(text),
  },
  ['tradeId'],
);

export type AccrualRow = RowOf<typeof accrualsTable.columns>;

/** Every table of the accruals projection. */
export const ACCRUALS_TABLES = [accrualsTable] as const;

/** The projection's tables as Kysely sees them, derived from their definitions. */
export type AccrualsDatabase = DatabaseOf<typeof ACCRUALS_TABLES>;
