import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type AuditReport, createLedgerAudit } from '@rebate/api';
import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runLedgerAudit } from '@rebate/ledger';
import { openSqliteReadModels } from '@rebate/read-models';
import {
  type Backend,
  type TestApi,
  postgresBackend,
  requireDatabaseUrl,
  seedLedger,
  startTestApi,
  trade,
} from '@rebate/test-support/api';
import { auditJob, countTurns, withTradesOnEmbeddedStore } from './support/audit-job';

/**
 * Issue 12: `POST /v1/audits` verifies the event chain in full, as `rebate audit` does. An
 * event's data edited straight in the database (past the adapter, as someone with database
 * access would) makes the job succeed with `consistent: false` and name the first bad position,
 * in the CLI's report shape; a clean ledger passes.
 */

/** SQLite on a file (the store), so the test can edit it through a connection of its own. */
const sqliteFileBackend = (dir: string): Backend => ({
  name: 'sqlite',
  open: async () => {
    const store = openSqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    const storage = openSqliteReadModels({ path: ':memory:' });
    return {
      store,
      storage,
      close: async () => {
        await storage.close();
        await store.close();
      },
    };
  },
});

/** Replaces the stored data of the event at `position`, as raw SQL (a JSON text as given). */
type EditData = (position: bigint, json: string) => Promise<void>;

interface Case {
  readonly name: string;
  start(): Promise<{ api: TestApi; editData: EditData; dispose(): void }>;
}

const cases: Case[] = [
  {
    name: 'sqlite',
    start: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'audit-chain-'));
      const api = await startTestApi(sqliteFileBackend(dir));
      return {
        api,
        editData: (position, json) => {
          const db = new Database(join(dir, 'events.db'));
          try {
            db.prepare('UPDATE events SET data = ? WHERE position = ?').run(json, position);
          } finally {
            db.close();
          }
          return Promise.resolve();
        },
        dispose: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    start: async () => {
      const api = await startTestApi(postgresBackend);
      const schema = api.backend.schemas?.store ?? '';
      return {
        api,
        editData: async (position, json) => {
          const client = new Client({ connectionString: requireDatabaseUrl() });
          await client.connect();
          try {
            await client.query(
              `UPDATE "${schema}".events SET data = $1::jsonb WHERE position = $2`,
              [json, position.toString()],
            );
          } finally {
            await client.end();
          }
        },
        dispose: () => undefined,
      };
    },
  },
];

const eventsOf = async (store: EventStore) => {
  const all = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
};

describe.each(cases)('the audit job verifies the chain on $name', (backendCase) => {
  let api: TestApi;
  let editData: EditData;
  let dispose: () => void = () => undefined;

  beforeEach(async () => {
    ({ api, editData, dispose } = await backendCase.start());
    await seedLedger(api);
    const answer = await api.call('POST', '/v1/trades', {
      as: 'admin',
      body: [trade('TC1', 'C1', '2'), trade('TC2', 'C2', '1'), trade('TC3', 'C3', '0.5')],
    });
    expect(answer.status).toBe(200);
  });
  afterEach(async () => {
    await api?.close();
    dispose();
  });

  const report = async (scope?: unknown): Promise<AuditReport> => {
    const job = await auditJob(api, scope === undefined ? {} : { scope });
    expect({ status: job.status, problem: job.problem }).toEqual({
      status: 'succeeded',
      problem: undefined,
    });
    if (job.report === undefined) throw new Error('no report');
    return job.report;
  };

  test('a clean ledger passes: every event verified, the head named, consistent', async () => {
    const events = await eventsOf(api.backend.store);
    const last = events[events.length - 1];
    const clean = await report();
    expect(clean).toMatchObject({
      consistent: true,
      chain: {
        verified: true,
        scope: 'global',
        eventsVerified: events.length,
        head: { position: last?.position.toString() },
        firstBad: null,
      },
    });
    // The same chain result as `rebate audit` prints for the same store.
    const cli = await runLedgerAudit(api.backend.store);
    expect(clean.chain).toEqual(cli.chain);
  });

  test("an event's data edited in the database: the job succeeds, not consistent, naming the first bad position; a scope does not narrow the chain", async () => {
    const events = await eventsOf(api.backend.store);
    const index = events.findIndex((e) => e.type === 'RebateAccrued');
    const target = events[index];
    if (target === undefined) throw new Error('no accrual to tamper with');
    const data = JSON.parse(JSON.stringify(target.data)) as Record<string, unknown>;
    await editData(target.position, JSON.stringify({ ...data, rebate: '9999' }));

    const tampered = await report();
    expect(tampered).toMatchObject({
      consistent: false,
      chain: {
        verified: false,
        eventsVerified: index,
        firstBad: {
          position: target.position.toString(),
          streamId: target.streamId,
          problem: 'hash-mismatch',
        },
      },
    });
    const cli = await runLedgerAudit(api.backend.store);
    expect(tampered.chain).toEqual(cli.chain);
    // Scoped to a partner and days the tampered trade is not in: the chain is still checked whole.
    const scoped = await report({ partnerId: 'P2', from: '2026-10-01' });
    expect(scoped).toMatchObject({
      consistent: false,
      ruleDiscrepancies: [],
      chain: { verified: false, firstBad: { position: target.position.toString() } },
    });
  });

  test('an event edited so that it no longer decodes: the replay cannot finish, and the report says so and where the chain broke', async () => {
    const events = await eventsOf(api.backend.store);
    const target = events.find((e) => e.type === 'RebateAccrued');
    if (target === undefined) throw new Error('no accrual to tamper with');
    await editData(target.position, JSON.stringify({ forged: true }));
    const job = await auditJob(api);
    expect(job).toMatchObject({
      status: 'succeeded',
      report: {
        consistent: false,
        events: 0,
        chain: {
          verified: false,
          firstBad: { position: target.position.toString(), problem: 'hash-mismatch' },
        },
      },
    });
    expect(job.report?.replay).toMatch(/^not completed: cannot decode event/);
  });
});

describe('the chain verification beside requests', () => {
  test('given 1,200 trades on the embedded store, then verifying the chain gives the event loop a turn every 500 events', async () => {
    await withTradesOnEmbeddedStore(1_200, async ({ store, queries }) => {
      const turns = countTurns();
      const seen: [number, number][] = [];
      const report = await createLedgerAudit(store, queries, 10_000).run({
        onVerifying: (events) => seen.push([events, turns.count()]),
      });
      turns.stop();
      expect(report).toMatchObject({ consistent: true, chain: { verified: true } });
      const verified = report.chain.eventsVerified;
      expect(verified).toBeGreaterThan(1_200);
      expect(seen.map(([events]) => events)).toEqual([0, 500, 1_000]);
      // Other work ran between the chunks of the verification.
      const turnsAt = seen.map(([, t]) => t);
      expect(turnsAt[1]).toBeGreaterThan(turnsAt[0] ?? 0);
      expect(turnsAt[2]).toBeGreaterThan(turnsAt[1] ?? 0);
    });
  });
});
