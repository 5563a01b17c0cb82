import type { EventStore } from '@rebate/event-store';
import { type PayoutBook, ZERO, formatDecimal } from '@rebate/domain';
import { PAYOUTS_STREAM } from '@rebate/ledger';
import { Gauge, type Registry } from 'prom-client';

const STATUSES = ['requested', 'completed', 'failed'] as const;

/**
 * The payouts as the ledger holds them, read at each scrape (so restarts and redeliveries never
 * count twice): count and amount per status. `requested` is a payout with no result yet (in
 * flight); every payout ever made is in exactly one status. Amounts are summed exactly and
 * converted to a float only for the metric: a dashboard figure, never a figure to pay from.
 */
export const registerPayoutStatusGauges = (
  registry: Registry,
  /** A fold of the payouts stream (`PayoutCache`): each call reads only what is new. */
  book: () => Promise<PayoutBook>,
): void => {
  const totals = async () => {
    const sums = new Map(STATUSES.map((status) => [status, { count: 0, amount: ZERO }]));
    for (const payout of (await book()).payouts.values()) {
      const sum = sums.get(payout.status);
      if (sum !== undefined)
        sums.set(payout.status, { count: sum.count + 1, amount: sum.amount.plus(payout.amount) });
    }
    return sums;
  };
  new Gauge({
    name: 'rebate_payouts',
    help: 'Payouts by status in the ledger (requested = no result yet)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      for (const [status, sum] of await totals()) this.set({ status }, sum.count);
    },
  });
  new Gauge({
    name: 'rebate_payouts_amount_usd',
    help: 'Sum of the payouts by status in the ledger, USD (exact decimal converted for the metric)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      for (const [status, sum] of await totals()) {
        this.set({ status }, Number(formatDecimal(sum.amount)));
      }
    },
  });
};

/**
 * How far the relay is behind, read at each scrape: events in the store after its checkpoint
 * (all types, an upper bound: trades after the last payout count too), and the payouts not yet
 * published (PayoutRequested after the checkpoint, read from the payouts stream's tail).
 */
export const registerRelayLagGauges = (
  registry: Registry,
  store: Pick<EventStore, 'headPosition' | 'readStream'>,
  checkpoint: () => Promise<bigint | undefined>,
): void => {
  new Gauge({
    name: 'rebate_payout_relay_lag_events',
    help: 'Events in the store after the relay checkpoint (all types)',
    registers: [registry],
    async collect() {
      const [head, relayed] = await Promise.all([store.headPosition(), checkpoint()]);
      this.set(Number((head ?? 0n) - (relayed ?? 0n)));
    },
  });
  new Gauge({
    name: 'rebate_payout_relay_pending_payouts',
    help: 'PayoutRequested events after the relay checkpoint: payouts not yet published',
    registers: [registry],
    async collect() {
      const relayed = (await checkpoint()) ?? -1n;
      let pending = 0;
      for await (const recorded of store.readStream(PAYOUTS_STREAM, { direction: 'backwards' })) {
        if (recorded.position <= relayed) break;
        if (recorded.type === 'PayoutRequested') pending += 1;
      }
      this.set(pending);
    },
  });
};
