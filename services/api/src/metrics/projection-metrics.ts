import type { EventStore } from '@rebate/event-store';
import type { LedgerQueries } from '@rebate/read-models';
import { Gauge, type Registry } from 'prom-client';

/**
 * Read lag as the API sees it, at scrape time: the store's head, the position every read model
 * has reached (what `minPosition` waits for), and the difference. Positions can have gaps
 * (PostgreSQL sequences), so the lag is an upper bound on the events behind; 0 = caught up.
 * The read-models package reports each projection's own lag beside these.
 */
export const registerReadLagMetrics = (
  registry: Registry,
  store: Pick<EventStore, 'headPosition'>,
  queries: Pick<LedgerQueries, 'position'>,
): void => {
  const read = async () => {
    const [head, projected] = await Promise.all([store.headPosition(), queries.position()]);
    return { head: head ?? 0n, projected: projected ?? 0n };
  };
  new Gauge({
    name: 'rebate_api_store_head_position',
    help: 'Global position of the last event in the store',
    registers: [registry],
    async collect() {
      this.set(Number((await read()).head));
    },
  });
  new Gauge({
    name: 'rebate_api_read_position',
    help: 'Position every read model has reached (the smallest checkpoint)',
    registers: [registry],
    async collect() {
      this.set(Number((await read()).projected));
    },
  });
  new Gauge({
    name: 'rebate_api_read_lag_positions',
    help: 'Store head minus the read models position (0 = caught up)',
    registers: [registry],
    async collect() {
      const { head, projected } = await read();
      this.set(head > projected ? Number(head - projected) : 0);
    },
  });
};
