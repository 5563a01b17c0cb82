import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import type { LedgerEvent } from '@rebate/domain';
import { LedgerCommands, StorePayables, fromRecorded, runScenario } from '@rebate/ledger';
import { payoutSchedule, startScheduledRuns } from '../../src/payouts/payout-schedule';

const quiet = { info: () => undefined, error: () => undefined };

describe('PAYOUT_SCHEDULE', () => {
  test('slots are in UTC: the latest at or before now, and the next after', () => {
    const weekly = payoutSchedule('0 6 * * 1'); // Mondays 06:00 UTC
    const wednesday = new Date('2026-12-02T12:00:00Z');
    expect(weekly.latestSlot(wednesday)?.toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(weekly.nextSlot(wednesday).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    // A slot exactly now is the latest one.
    expect(weekly.latestSlot(new Date('2026-11-30T06:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T06:00:00.000Z',
    );
  });

  test('a bad expression fails at start-up with a reason', () => {
    expect(() => payoutSchedule('every monday')).toThrow();
    expect(() => payoutSchedule('61 * * * *')).toThrow();
  });

  test('two instances on one store with the same schedule make each slot one run, and pay each balance once', async () => {
    const store = openSqliteEventStore({ path: ':memory:' });
    try {
      await runScenario(
        [
          {
            type: 'set-remuneration',
            accountType: 'FIXED',
            usdPerLot: '15',
            at: '2026-11-01T00:00:00Z',
          },
          { type: 'register-partner', partnerId: 'P', model: 'agent', at: '2026-11-01T00:00:00Z' },
          { type: 'attach-client', partnerId: 'P', clientId: 'alice', at: '2026-11-01T00:00:00Z' },
          { type: 'set-rebate-rate', partnerId: 'P', percent: '20', at: '2026-11-01T00:00:00Z' },
          {
            type: 'trade-closed',
            tradeId: 'T1',
            clientId: 'alice',
            accountType: 'FIXED',
            symbol: 'EURUSD',
            lots: '1',
            closedAt: '2026-11-02T00:00:00Z',
          },
        ].map((line) => JSON.stringify(line)),
        store,
      );
      const outcomes: string[] = [];
      const instance = () => {
        const ledger = new LedgerCommands(store, new StorePayables(store));
        return startScheduledRuns({
          schedule: payoutSchedule('* * * * * *'), // every second
          now: () => new Date(),
          execute: async (command, commandId) => {
            const outcome = await ledger.execute(command, { commandId });
            outcomes.push(outcome.kind);
            return outcome;
          },
          log: quiet,
        });
      };
      const runners = [instance(), instance()];
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await Promise.all(runners.map((runner) => runner.stop()));

      const events: LedgerEvent[] = [];
      for await (const recorded of store.readStream('payouts')) events.push(fromRecorded(recorded));
      const runs = events.flatMap((e) => (e.type === 'PayoutRunRecorded' ? [e.runId] : []));
      const payouts = events.flatMap((e) => (e.type === 'PayoutRequested' ? [e.payoutId] : []));
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(runs).size).toBe(runs.length); // no slot ran twice
      for (const runId of runs) expect(runId).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(payouts).toEqual([`${runs[0]}/alice`]); // 3 USD, paid once
      expect(outcomes.filter((kind) => kind === 'duplicate').length).toBeGreaterThanOrEqual(1);
      expect(outcomes).not.toContain('rejected');
    } finally {
      await store.close();
    }
  });
});
