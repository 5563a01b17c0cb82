import { decimal, nullable, position, text } from '../../storage/columns';
import { defineTable } from '../../storage/table';

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

export type AccrualRow = ReturnType<typeof accrualsTable.decode>;
