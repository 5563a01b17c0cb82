import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { PayoutCache } from '@rebate/ledger';
import { Registry } from 'prom-client';
import { FileCheckpoint } from '../src/payouts/checkpoint-file';
import {
  registerPayoutStatusGauges,
  registerRelayLagGauges,
} from '../src/payouts/payout-ledger-gauges';
import { applyLines, payoutLines } from './support/payout-lines';

/** The payout gauges move with the ledger and the relay's checkpoint (real SQLite store). */

const sample = async (registry: Registry, name: string): Promise<Record<string, number>> => {
  const metric = await registry.getSingleMetric(name)?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [String(v.labels['status'] ?? ''), v.value]),
  );
};

describe('payout metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payout-metrics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('requested, completed and failed: count and amount per status, read from the ledger', async () => {
    const store = openSqliteEventStore({ path: ':memory:' });
    try {
      const registry = new Registry();
      const fold = new PayoutCache(store);
      registerPayoutStatusGauges(registry, () => fold.catchUp());
      expect(await sample(registry, 'rebate_payouts')).toEqual({
        requested: 0,
        completed: 0,
        failed: 0,
      });
      // Five payouts of 3.00 each, all requested.
      await applyLines(store, payoutLines(5, 'run-1', 2, true));
      expect(await sample(registry, 'rebate_payouts')).toEqual({
        requested: 5,
        completed: 0,
        failed: 0,
      });
      expect(await sample(registry, 'rebate_payouts_amount_usd')).toEqual({
        requested: 15,
        completed: 0,
        failed: 0,
      });
      const at = '2026-11-03T12:00:00Z';
      await applyLines(store, [
        JSON.stringify({ type: 'payout-completed', payoutId: 'run-1/C0000', at }),
        JSON.stringify({ type: 'payout-completed', payoutId: 'run-1/C0001', at }),
        JSON.stringify({ type: 'payout-failed', payoutId: 'run-1/C0002', at, reason: 'closed' }),
        // The same result again changes nothing.
        JSON.stringify({ type: 'payout-completed', payoutId: 'run-1/C0000', at }),
      ]);
      expect(await sample(registry, 'rebate_payouts')).toEqual({
        requested: 2,
        completed: 2,
        failed: 1,
      });
      expect(await sample(registry, 'rebate_payouts_amount_usd')).toEqual({
        requested: 6,
        completed: 6,
        failed: 3,
      });
      // The failed 3.00 is paid again by the next run, under a new id.
      await applyLines(store, [
        JSON.stringify({ type: 'run-payouts', runId: 'run-2', at: '2026-11-04T00:00:00Z' }),
      ]);
      expect(await sample(registry, 'rebate_payouts')).toEqual({
        requested: 3,
        completed: 2,
        failed: 1,
      });
    } finally {
      await store.close();
    }
  });

  test('relay lag: events and unpublished payouts after the checkpoint, at each scrape', async () => {
    const store = openSqliteEventStore({ path: ':memory:' });
    try {
      const registry = new Registry();
      const checkpoint = new FileCheckpoint(join(dir, 'relay.checkpoint'));
      registerRelayLagGauges(registry, store, () => checkpoint.load());
      await applyLines(store, payoutLines(4, 'run-1', 2, true));
      const head = (await store.headPosition()) as bigint;
      const lag = async () => ({
        events: (await sample(registry, 'rebate_payout_relay_lag_events'))[''],
        payouts: (await sample(registry, 'rebate_payout_relay_pending_payouts'))[''],
      });
      // Nothing relayed yet: every event is behind, and the 4 payouts.
      expect(await lag()).toEqual({ events: Number(head), payouts: 4 });
      // The relay acknowledged the first two payouts (their positions, in store order).
      const requested: bigint[] = [];
      for await (const recorded of store.readStream('payouts')) {
        if (recorded.type === 'PayoutRequested') requested.push(recorded.position);
      }
      await checkpoint.save(requested[1] as bigint);
      expect(await lag()).toEqual({ events: Number(head - (requested[1] as bigint)), payouts: 2 });
      await checkpoint.save(requested[3] as bigint);
      expect(await lag()).toEqual({ events: Number(head - (requested[3] as bigint)), payouts: 0 });
      // Trades after the last payout: the store moves on, nothing is left to publish.
      await applyLines(store, payoutLines(4, 'run-2', 5, false).slice(0, 4));
      expect(await lag()).toEqual({
        events: Number(head - (requested[3] as bigint)) + 4,
        payouts: 0,
      });
    } finally {
      await store.close();
    }
  });
});
