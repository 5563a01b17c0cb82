import {
  type PayoutRequested,
  type RebateAccrued,
  type RebateReversed,
  applyToClientAccount,
  applyToPartnerTotals,
  emptyClientAccount,
  type PartnerTotals,
  emptyPartnerTotals,
} from '@rebate/domain';
import type { WorkingSet } from '../../storage/working-set';
import { utcDay } from '../day';
import type { PositionedEvent, Projection } from '../projection';
import { balancesPrefetch } from './balances-prefetch';
import {
  type ClientAccountRow,
  type PartnerTotalsRow,
  clientAccountsTable,
  clientDaysTable,
  partnerClientAccountsTable,
  partnerClientDaysTable,
  partnerDaysTable,
  partnerTotalsTable,
  tradeDaysTable,
} from './tables';

/**
 * Partner totals and client accounts, overall and per UTC day, folded with the domain's own row
 * functions (`applyToPartnerTotals`, `applyToClientAccount`): the numbers `LedgerTotals` and
 * `rebate simulate` give. Trades count on their close day (a reversal too), payouts on the
 * run's day. The same folds are kept per (partner, client), overall and per day, for what each
 * partner may see of a client that moved between partners: only what was attributed to it.
 */

const emptyPartner = (partnerId: string, model: string): PartnerTotalsRow => ({
  ...emptyPartnerTotals(partnerId),
  model,
  clients: 0,
});

const partnerOf = async (rows: WorkingSet, partnerId: string): Promise<PartnerTotalsRow> =>
  // A partner is registered before any of its events; '' only guards a replay of odd history.
  (await rows.get(partnerTotalsTable, { partnerId })) ?? emptyPartner(partnerId, '');

const clientOf = async (rows: WorkingSet, clientId: string): Promise<ClientAccountRow> =>
  (await rows.get(clientAccountsTable, { clientId })) ?? emptyClientAccount(clientId, null);

const countClient = async (rows: WorkingSet, partnerId: string, change: 1 | -1) => {
  const partner = await partnerOf(rows, partnerId);
  rows.put(partnerTotalsTable, { ...partner, clients: partner.clients + change });
};

/** The trade partner's columns after an accrual or reversal (overrides: not kept here yet). */
const partnerColumns = (
  row: Pick<PartnerTotals, 'partnerId' | 'trades' | 'lots' | 'remuneration' | 'rebates' | 'net'>,
  event: RebateAccrued | RebateReversed,
) => {
  const { trades, lots, remuneration, rebates, net } = applyToPartnerTotals(
    { ...emptyPartnerTotals(row.partnerId), ...row },
    event,
  );
  return { trades, lots, remuneration, rebates, net };
};

const applyTrade = async (
  rows: WorkingSet,
  event: RebateAccrued | RebateReversed,
  day: string,
): Promise<void> => {
  const { partnerId, clientId } = event;
  const partner = await partnerOf(rows, partnerId);
  rows.put(partnerTotalsTable, { ...partner, ...partnerColumns(partner, event) });

  const partnerDay = (await rows.get(partnerDaysTable, { partnerId, day })) ?? {
    ...emptyPartnerTotals(partnerId),
    day,
  };
  rows.put(partnerDaysTable, { ...partnerDay, ...partnerColumns(partnerDay, event) });

  const client = await clientOf(rows, clientId);
  rows.put(clientAccountsTable, { ...client, ...applyToClientAccount(client, event) });
  await applyToClientDay(rows, event, clientId, day);
  await applyToPartnerClient(rows, event, partnerId, clientId, day);
};

/** The client's account and day as attributed to one partner, folded as the whole account. */
const applyToPartnerClient = async (
  rows: WorkingSet,
  event: RebateAccrued | RebateReversed | PayoutRequested,
  partnerId: string,
  clientId: string,
  day: string,
): Promise<void> => {
  const account = (await rows.get(partnerClientAccountsTable, { partnerId, clientId })) ?? {
    ...emptyClientAccount(clientId, partnerId),
    partnerId,
  };
  const applied = applyToClientAccount(account, event);
  rows.put(partnerClientAccountsTable, {
    partnerId,
    clientId,
    trades: applied.trades,
    lots: applied.lots,
    rebates: applied.rebates,
    paidOut: applied.paidOut,
  });

  const stored = (await rows.get(partnerClientDaysTable, { partnerId, clientId, day })) ?? {
    ...emptyClientAccount(clientId, partnerId),
    partnerId,
    day,
  };
  const { trades, lots, rebates, paidOut } = applyToClientAccount(stored, event);
  rows.put(partnerClientDaysTable, { partnerId, clientId, day, trades, lots, rebates, paidOut });
};

const applyToClientDay = async (
  rows: WorkingSet,
  event: RebateAccrued | RebateReversed | PayoutRequested,
  clientId: string,
  day: string,
): Promise<void> => {
  const stored = (await rows.get(clientDaysTable, { clientId, day })) ?? {
    ...emptyClientAccount(clientId, null),
    day,
  };
  const { trades, lots, rebates, paidOut } = applyToClientAccount(
    { ...stored, partnerId: null },
    event,
  );
  rows.put(clientDaysTable, { clientId, day, trades, lots, rebates, paidOut });
};

const apply = async ({ event }: PositionedEvent, rows: WorkingSet): Promise<void> => {
  switch (event.type) {
    case 'PartnerRegistered':
      rows.put(partnerTotalsTable, emptyPartner(event.partnerId, event.model));
      return;
    case 'ClientAttached': {
      const client = await clientOf(rows, event.clientId);
      if (client.partnerId !== event.partnerId) {
        if (client.partnerId !== null) await countClient(rows, client.partnerId, -1);
        await countClient(rows, event.partnerId, 1);
      }
      rows.put(clientAccountsTable, { ...client, partnerId: event.partnerId });
      return;
    }
    case 'RebateAccrued': {
      const day = utcDay(event.closedAt);
      rows.put(tradeDaysTable, { tradeId: event.tradeId, day });
      await applyTrade(rows, event, day);
      return;
    }
    case 'RebateReversed': {
      const trade = await rows.get(tradeDaysTable, { tradeId: event.tradeId });
      // The accrual is earlier in the same stream, so earlier in global order.
      if (trade === undefined) throw new Error(`trade ${event.tradeId} reversed before accrued`);
      await applyTrade(rows, event, trade.day);
      return;
    }
    case 'PayoutRequested': {
      const client = await clientOf(rows, event.clientId);
      rows.put(clientAccountsTable, { ...client, ...applyToClientAccount(client, event) });
      await applyToClientDay(rows, event, event.clientId, utcDay(event.at));
      // A payout naming no partner is attributed to none: only finance and admin see it.
      if (event.partnerId !== null) {
        await applyToPartnerClient(rows, event, event.partnerId, event.clientId, utcDay(event.at));
      }
      return;
    }
    default:
      return; // terms changes and unattributed trades move no balance
  }
};

export const balancesProjection: Projection = {
  name: 'balances',
  tables: [
    partnerTotalsTable,
    partnerDaysTable,
    clientAccountsTable,
    clientDaysTable,
    tradeDaysTable,
    partnerClientAccountsTable,
    partnerClientDaysTable,
  ],
  prefetch: balancesPrefetch,
  apply,
};
