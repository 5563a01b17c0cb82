import type { WorkingSet } from '../../storage/working-set';
import type { PositionedEvent, Projection } from '../projection';
import { accrualsTable as accrualsTableDef } from './tables';
import { legacy } from '../../storage/legacy-table';

const accrualsTable = legacy(accrualsTableDef);

/**
 * The accrual list. A row's position is its RebateAccrued's, so rows only ever appear after the
 * ones already there: keyset pagination by position is stable while trades keep arriving.
 */
const apply = async ({ event, position }: PositionedEvent, rows: WorkingSet): Promise<void> => {
  switch (event.type) {
    case 'RebateAccrued':
      rows.put(accrualsTable, {
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
      return;
    case 'RebateReversed': {
      const accrual = await rows.get(accrualsTable, { tradeId: event.tradeId });
      if (accrual === undefined) throw new Error(`trade ${event.tradeId} reversed before accrued`);
      rows.put(accrualsTable, { ...accrual, reversedAt: event.at });
      return;
    }
    default:
      return;
  }
};

const prefetch = async (events: readonly PositionedEvent[], rows: WorkingSet): Promise<void> =>
  rows.load(
    accrualsTable,
    events.flatMap(({ event }) =>
      event.type === 'RebateReversed' ? [{ tradeId: event.tradeId }] : [],
    ),
  );

export const accrualsProjection: Projection = {
  name: 'accruals',
  tables: [accrualsTableDef],
  prefetch,
  apply,
};
