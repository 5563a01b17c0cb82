import { keyText, selectByKeys, upsertRows } from '../../storage/batched';
import type { ReadModelDb } from '../../storage/port';
import type { PositionedEvent, Projection } from '../projection';
import { ACCRUALS_TABLES, type AccrualRow, accrualsTable } from './tables';

/**
 * The accrual list. A row's position is its RebateAccrued's, so rows only ever appear after the
 * ones already there: keyset pagination by position is stable while trades keep arriving.
 */

const accrualRow = (
  event: Extract<PositionedEvent['event'], { type: 'RebateAccrued' }>,
  position: bigint,
): AccrualRow => ({
  tradeId: event.tradeId,
  position,
  clientId: event.clientId,
  partnerId: event.partnerId,
  closedAt: event.closedAt,
  accountType: event.accountType,
  symbol: event.symbol,
  lots: event.lots,
  usdPerLot: event.usdPerLot,
  remuneration: event.remuneration,
  percent: event.percent,
  rateRule: event.rateRule,
  rebate: event.rebate,
  net: event.net,
  reversedAt: null,
});

/**
 * One read (the stored rows of trades this batch reverses but did not accrue) and one
 * multi-row upsert of every row the batch added or voided.
 */
const applyBatch = async (events: readonly PositionedEvent[], db: ReadModelDb): Promise<void> => {
  const accruedHere = new Set<string>();
  const reversedEarlier = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'RebateAccrued') accruedHere.add(event.tradeId);
    if (event.type === 'RebateReversed' && !accruedHere.has(event.tradeId)) {
      reversedEarlier.add(event.tradeId);
    }
  }
  const rows = new Map<string, AccrualRow>();
  const stored = await selectByKeys(
    db,
    accrualsTable,
    [...reversedEarlier].map((tradeId) => ({ tradeId })),
  );
  for (const row of stored) rows.set(keyText(row.tradeId), row);
  const changed = new Set<string>();
  for (const { event, position } of events) {
    if (event.type !== 'RebateAccrued' && event.type !== 'RebateReversed') continue;
    const key = keyText(event.tradeId);
    if (event.type === 'RebateAccrued') {
      rows.set(key, accrualRow(event, position));
    } else {
      const accrual = rows.get(key);
      if (accrual === undefined) throw new Error(`trade ${event.tradeId} reversed before accrued`);
      rows.set(key, { ...accrual, reversedAt: event.at });
    }
    changed.add(key);
  }
  await upsertRows(
    db,
    accrualsTable,
    [...changed].map((key) => rows.get(key) as AccrualRow),
  );
};

export const accrualsProjection: Projection = {
  name: 'accruals',
  tables: ACCRUALS_TABLES,
  applyBatch,
};
