import {
  type DbTable,
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

/** The accruals projection's table as Kysely sees it. */
export interface AccrualsDatabase {
  accruals: DbTable<typeof accrualsTable.columns>;
}
