import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { EventStore } from '@rebate/event-store';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { type Command, type PayoutWindow, decodeLine } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import fc from 'fast-check';
import { v4 as uuidv4 } from 'uuid';
import {
  type BalanceSource,
  LedgerCommands,
  PAYOUTS_STREAM,
  StorePayables,
  auditLedger,
  buildReport,
  runScenario,
} from '../src';
import { propertySeed, withHeldStreamRead } from '@rebate/test-support';
import { withStore } from './support';

/**
 * Issue 10: a payout run reads the balances, then appends its payouts. A trade, a reversal or a
 * change of terms appended in between must leave a ledger the audit verifies: the run records
 * the position its balances were folded at (`balancesAt`) and the audit decides it again from
 * the balances its own replay folds up to there; terms that moved during the read make the run
 * read again.
 */

const at = '2026-09-01T00:00:00Z';
const setup = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C2', at },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at },
];
const trade = (tradeId: string, clientId: string, lots: string) => ({
  type: 'trade-closed',
  tradeId,
  clientId,
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots,
  closedAt: '2026-09-02T10:00:00Z',
});

/** The setup, then C1: 1 lot x 15 x 20% = 3 and C2: 2 lots = 6 to pay. */
const twoClientsWithRebates = (store: EventStore) =>
  runScenario(
    [...setup, trade('T1', 'C1', '1'), trade('T2', 'C2', '2')].map((line) => JSON.stringify(line)),
    store,
  );

const command = (line: object): Command => {
  const decoded = decodeLine(JSON.stringify(line));
  if (isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
};

/**
 * The store's own payables, and once, right after they were folded, another writer's commands
 * (a second process: its own `LedgerCommands`), the gap between a run's read and its append.
 */
let interleavings = 0;
const interleaving = (
  store: EventStore,
  lines: readonly object[],
): BalanceSource & { reads: number } => {
  interleavings += 1;
  const tag = interleavings;
  const inner = new StorePayables(store);
  const other = new LedgerCommands(store, new StorePayables(store));
  const source = {
    reads: 0,
    async payables(window: PayoutWindow) {
      const folded = await inner.payables(window);
      source.reads += 1;
      if (source.reads === 1) {
        for (const [i, line] of lines.entries()) {
          const outcome = await other.execute(command(line), { commandId: `other:${tag}:${i}` });
          if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
        }
      }
      return folded;
    },
  };
  return source;
};

const runPayouts = async (store: EventStore, balances: BalanceSource, runId: string) => {
  const ledger = new LedgerCommands(store, balances);
  return ledger.execute(command({ type: 'run-payouts', at: '2026-09-10T00:00:00Z', runId }), {
    commandId: `run:${runId}`,
  });
};

const clientsOf = (report: ReturnType<typeof buildReport>) =>
  report.clients.map(({ clientId, rebates, paidOut, balance }) => ({
    clientId,
    rebates,
    paidOut,
    balance,
  }));

const withPostgresStore = async <T>(use: (store: EventStore) => Promise<T>): Promise<T> => {
  const url = process.env['DATABASE_URL'];
  if (!url)
    throw new Error('DATABASE_URL is not set: e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const schema = `ledger_gap_${randomBytes(6).toString('hex')}`;
  const store = await createPostgresEventStore({ connectionString: url, schema });
  try {
    return await use(store);
  } finally {
    await store.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
};

const stores = [
  ['sqlite', withStore],
  ['postgres', withPostgresStore],
] as const;

describe.each(stores)(
  'a payout run with writes between its read and its append (%s)',
  (_name, withAStore) => {
    test('given a reversal and a new trade between the read and the append, then the run pays what it read, and the audit verifies it at its balances position', async () => {
      await withAStore(async (store) => {
        // C1: 1 lot x 15 x 20% = 3; C2: 2 lots = 6.
        await twoClientsWithRebates(store);
        const readAt = await store.headPosition();
        const balances = interleaving(store, [
          { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-09T00:00:00Z' },
          trade('T3', 'C2', '1'),
        ]);
        const outcome = await runPayouts(store, balances, 'R1');
        expect(outcome.kind).toBe('applied');
        if (outcome.kind !== 'applied') return;
        const [run, ...payouts] = outcome.events;
        // Decided on the balances read (3 and 6), at the position they were read at.
        expect(run).toMatchObject({ type: 'PayoutRunRecorded', balancesAt: readAt?.toString() });
        expect(
          payouts.map((p) => p.type === 'PayoutRequested' && [p.clientId, p.amount.toFixed()]),
        ).toEqual([
          ['C1', '3'],
          ['C2', '6'],
        ]);
        // The interleaved writes lie between the read and the run.
        const events = [];
        for await (const e of store.readAll({ after: readAt })) events.push([e.type, e.streamId]);
        expect(events.slice(0, 3)).toEqual([
          ['RebateReversed', 'trade-T1'],
          ['RebateAccrued', 'trade-T3'],
          ['PayoutRunRecorded', PAYOUTS_STREAM],
        ]);

        const audit = await auditLedger(store);
        expect(audit.discrepancies).toEqual([]);
        expect(audit.payoutsChecked).toBe(2);
        // The ledger: C1's paid rebate was reversed after the read (rules section 4: the balance
        // goes negative, later rebates fill it); C2 keeps T3's 3 for the next run.
        expect(clientsOf(buildReport(audit.totals, { rejected: [], duplicates: 0 }))).toEqual([
          { clientId: 'C1', rebates: '0', paidOut: '3', balance: '-3' },
          { clientId: 'C2', rebates: '9', paidOut: '6', balance: '3' },
        ]);
        // Read ahead of one event only: the audit folds the store again up to the position.
        expect((await auditLedger(store, { readAhead: 1 })).discrepancies).toEqual([]);

        // The next run pays C2's 3 and nothing to C1 (negative), and verifies too.
        const next = await runPayouts(store, new StorePayables(store), 'R2');
        expect(
          next.kind === 'applied' &&
            next.events.flatMap((e) =>
              e.type === 'PayoutRequested' ? [[e.clientId, e.amount.toFixed()]] : [],
            ),
        ).toEqual([['C2', '3']]);
        expect((await auditLedger(store)).discrepancies).toEqual([]);
      });
    });

    test('given a terms change folded by another command of the same ledger while the run reads the payouts, then the run reads again and obeys it', async () => {
      await withAStore(async (store) => {
        await twoClientsWithRebates(store);
        // The run's read of the payouts stream is held, after it has read the terms.
        const held = withHeldStreamRead(store, PAYOUTS_STREAM);
        const ledger = new LedgerCommands(held.store, new StorePayables(store));
        const run = ledger.execute(
          command({ type: 'run-payouts', at: '2026-09-10T00:00:00Z', runId: 'R1' }),
          { commandId: 'run:R1' },
        );
        await held.taken;
        // Another process suspends C2; then a trade through the same ledger folds that change
        // into the cache the run shares, before the run looks at the terms' revision again.
        const other = new LedgerCommands(store, new StorePayables(store));
        const suspend = { type: 'suspend-rebates', partnerId: 'P1', clientId: 'C2', at };
        expect((await other.execute(command(suspend), { commandId: 'suspend' })).kind).toBe(
          'applied',
        );
        expect(
          (await ledger.execute(command(trade('T3', 'C1', '1')), { commandId: 'T3' })).kind,
        ).toBe('applied');
        held.release();
        const outcome = await run;
        // Decided on the terms with the suspension (C2 skipped); C1 has T1 + T3 = 6.
        expect(
          outcome.kind === 'applied' &&
            outcome.events.flatMap((e) =>
              e.type === 'PayoutRequested' ? [[e.clientId, e.amount.toFixed()]] : [],
            ),
        ).toEqual([['C1', '6']]);
        expect((await auditLedger(store)).discrepancies).toEqual([]);
      });
    });

    test('given a suspension between the read and the append, then the run reads again and skips the client, and the audit verifies it', async () => {
      await withAStore(async (store) => {
        await twoClientsWithRebates(store);
        const balances = interleaving(store, [
          { type: 'suspend-rebates', partnerId: 'P1', clientId: 'C2', at: '2026-09-09T00:00:00Z' },
        ]);
        const outcome = await runPayouts(store, balances, 'R1');
        // The terms moved during the first read: read twice, decided on the second.
        expect(balances.reads).toBe(2);
        expect(
          outcome.kind === 'applied' &&
            outcome.events.flatMap((e) => (e.type === 'PayoutRequested' ? [e.clientId] : [])),
        ).toEqual(['C1']);
        expect((await auditLedger(store)).discrepancies).toEqual([]);
      });
    });
  },
);

describe('the audit of a run position', () => {
  test('given a forged run whose balances position lies before the previous payout event, then the audit reports it, whatever the payouts say', async () => {
    await withStore(async (store) => {
      await runScenario(
        [
          ...setup,
          trade('T1', 'C1', '1'),
          { type: 'run-payouts', at: '2026-09-05T00:00:00Z', runId: 'R1' },
          trade('T2', 'C1', '1'),
        ].map((line) => JSON.stringify(line)),
        store,
      );
      const beforeR1 = (
        await (async () => {
          for await (const e of store.readAll())
            if (e.type === 'PayoutRunRecorded') return e.position - 1n;
          return 0n;
        })()
      ).toString();
      // Claims the balances before R1 paid T1: C1 had 3 then (paid already), 6 in all now.
      const revision = await (async () => {
        let last = -1;
        for await (const e of store.readStream(PAYOUTS_STREAM)) last = e.revision;
        return last;
      })();
      await store.append(
        PAYOUTS_STREAM,
        [
          {
            eventId: uuidv4(),
            type: 'PayoutRunRecorded',
            data: {
              runId: 'R2',
              balancesAt: beforeR1,
              at: '2026-09-10T00:00:00Z',
              minimumUsd: '0.01',
              holdDays: 0,
              cutoff: null,
              payouts: 1,
              total: '3',
            },
            metadata: { schemaVersion: 2 },
          },
          {
            eventId: uuidv4(),
            type: 'PayoutRequested',
            data: {
              payoutId: 'R2/C1',
              runId: 'R2',
              clientId: 'C1',
              amount: '3',
              allocations: [{ partnerId: 'P1', amount: '3' }],
              partnerId: 'P1',
              at: '2026-09-10T00:00:00Z',
            },
            metadata: { schemaVersion: 2 },
          },
        ],
        revision,
      );
      const audit = await auditLedger(store);
      expect(audit.discrepancies.map((d) => [d.field, d.recorded])).toEqual([
        ['balancesAt', beforeR1],
      ]);
    });
  });
});

type Write =
  | { readonly kind: 'trade'; readonly client: string; readonly lots: string }
  | { readonly kind: 'cancel'; readonly pick: number }
  | { readonly kind: 'suspend' | 'resume'; readonly client: string };

describe("random writes between runs' reads and appends", () => {
  /** A trade, a void of an earlier trade, or a client suspended or resumed. */
  const write: fc.Arbitrary<Write> = fc.oneof(
    fc.record({
      kind: fc.constant('trade' as const),
      client: fc.constantFrom('C1', 'C2'),
      lots: fc.constantFrom('0.01', '0.5', '1', '2.37'),
    }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constantFrom('suspend' as const, 'resume' as const),
      client: fc.constantFrom('C1', 'C2'),
    }),
  );
  /** Writes before a run, and writes that land between its read and its append. */
  const step = fc.record({
    before: fc.array(write, { maxLength: 4 }),
    between: fc.array(write, { maxLength: 3 }),
  });

  test('given random trades, voids and suspensions landing inside payout runs, then every run is appended and the audit verifies the ledger, whatever it reads ahead', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        await withStore(async (store) => {
          await runScenario(
            setup.map((line) => JSON.stringify(line)),
            store,
          );
          let serial = 0;
          const trades: string[] = [];
          const suspended = new Set<string>();
          /** The input line of a write, or none when it would be rejected (a void twice, ...). */
          const lineOf = (w: Write): object | undefined => {
            serial += 1;
            const when = `2026-09-09T00:00:${String(serial % 60).padStart(2, '0')}Z`;
            switch (w.kind) {
              case 'trade': {
                const tradeId = `T${serial}`;
                trades.push(tradeId);
                return trade(tradeId, w.client, w.lots);
              }
              case 'cancel': {
                if (trades.length === 0) return undefined;
                const [tradeId] = trades.splice(w.pick % trades.length, 1);
                return { type: 'trade-cancelled', tradeId, at: when };
              }
              default: {
                if ((w.kind === 'suspend') === suspended.has(w.client)) return undefined;
                if (w.kind === 'suspend') suspended.add(w.client);
                else suspended.delete(w.client);
                return {
                  type: w.kind === 'suspend' ? 'suspend-rebates' : 'resume-rebates',
                  partnerId: 'P1',
                  clientId: w.client,
                  at: '2026-09-01T00:00:00Z',
                };
              }
            }
          };
          const other = new LedgerCommands(store, new StorePayables(store));
          for (const [i, { before, between }] of steps.entries()) {
            for (const w of before) {
              const line = lineOf(w);
              if (line) await other.execute(command(line), { commandId: `before:${serial}` });
            }
            const lines = between.flatMap((w) => {
              const line = lineOf(w);
              return line ? [line] : [];
            });
            const outcome = await runPayouts(store, interleaving(store, lines), `R${i}`);
            expect(outcome.kind).not.toBe('rejected');
          }
          for (const readAhead of [1, 2, 10_000]) {
            expect((await auditLedger(store, { readAhead })).discrepancies).toEqual([]);
          }
        });
      }),
      { seed: propertySeed('payout runs with interleaved writes'), numRuns: 30 },
    );
  });
});
