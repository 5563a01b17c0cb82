import { Decimal } from '@rebate/domain';
import type { EventStore } from '@rebate/event-store';
import type { BalanceSource } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import { fail } from '../http/problem-catalog';

/**
 * Balances for a payout run, from the read models once they include every event in the store
 * (a run pays what has arrived by then, and never a balance an earlier run already paid).
 */
export const projectedBalances = (
  store: Pick<EventStore, 'headPosition'>,
  queries: Pick<LedgerQueries, 'waitForPosition' | 'listClients'>,
  catchUpMs: number,
): BalanceSource => ({
  async currentBalances() {
    const head = await store.headPosition();
    if (head !== undefined && !(await queries.waitForPosition(head, catchUpMs))) {
      fail(
        'projections-behind',
        `the balances did not reach position ${head} in ${catchUpMs} ms; retry`,
      );
    }
    const clients = await queries.listClients({});
    return clients.map((client) => ({
      clientId: client.clientId,
      balance: Decimal(client.balance),
    }));
  },
});
