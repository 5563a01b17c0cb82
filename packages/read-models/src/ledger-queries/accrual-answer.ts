import { formatDecimal } from '@rebate/domain';
import type { AccrualRow } from '../projections/accruals/tables';
import type { Accrual } from '../queries';

export const accrual = (row: AccrualRow): Accrual => ({
  tradeId: row.tradeId,
  clientId: row.clientId,
  partnerId: row.partnerId,
  closedAt: row.closedAt,
  accountType: row.accountType,
  symbol: row.symbol,
  lots: formatDecimal(row.lots),
  usdPerLot: formatDecimal(row.usdPerLot),
  remuneration: formatDecimal(row.remuneration),
  percent: formatDecimal(row.percent),
  rateRule: row.rateRule,
  rebate: formatDecimal(row.rebate),
  net: formatDecimal(row.net),
  reversedAt: row.reversedAt,
  position: row.position.toString(),
});
