import { afterEach, describe, expect, jest, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runScenario } from '@rebate/ledger';
import { audit } from '../src/commands/audit';

const at = '2026-09-01T00:00:00Z';
const SCENARIO = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at },
  ...[1, 2, 3].map((n) => ({
    type: 'trade-closed',
    tradeId: `T${n}`,
    clientId: 'C1',
    accountType: 'FIXED',
    symbol: 'EURUSD',
    lots: `${n}.5`,
    closedAt: `2026-09-0${n + 1}T10:00:00Z`,
  })),
].map((line) => JSON.stringify(line));

interface Report {
  readonly verified: boolean;
  readonly chain: {
    readonly verified: boolean;
    readonly eventsVerified: number;
    readonly head: { readonly position: string; readonly hash: string } | null;
    readonly firstBad: {
      readonly position: string;
      readonly streamId: string;
      readonly problem: string;
    } | null;
  };
}

/** Runs `rebate audit` in this process; returns its JSON report and exit status. */
async function runAudit(
  options: Parameters<typeof audit>[0],
): Promise<{ report: Report; exit: number }> {
  const written: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = 0;
  try {
    await audit(options);
    return { report: JSON.parse(written.join('')) as Report, exit: Number(process.exitCode ?? 0) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = 0;
  }
}

describe('rebate audit verifies the chain first', () => {
  const directories: string[] = [];
  afterEach(() =>
    directories.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })),
  );

  const ledger = async (): Promise<string> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rebate-audit-chain-'));
    directories.push(dataDir);
    const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    await runScenario(SCENARIO, store);
    await store.close();
    return dataDir;
  };

  const raw = (dataDir: string, sql: string, ...params: unknown[]): void => {
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.prepare(sql).run(...params);
    db.close();
  };

  test('a clean ledger passes, and its head can be proved again later', async () => {
    const dataDir = await ledger();
    const clean = await runAudit({ dataDir });
    expect(clean.exit).toBe(0);
    expect(clean.report.verified).toBe(true);
    expect(clean.report.chain).toMatchObject({ verified: true, firstBad: null });
    expect(clean.report.chain.eventsVerified).toBeGreaterThanOrEqual(7);
    const head = clean.report.chain.head;
    if (head === null) throw new Error('no head');
    expect((await runAudit({ dataDir, anchor: [`${head.position}:${head.hash}`] })).exit).toBe(0);

    raw(dataDir, 'DELETE FROM events WHERE position = ?', BigInt(head.position));
    const cut = await runAudit({ dataDir, anchor: [`${head.position}:${head.hash}`] });
    expect(cut.exit).toBe(1);
    expect(cut.report.chain.firstBad).toMatchObject({
      position: head.position,
      problem: 'anchor-mismatch',
    });
  });

  test('an edited accrual fails the audit, naming its stream and position', async () => {
    const dataDir = await ledger();
    const db = new Database(join(dataDir, 'events.sqlite'));
    const row = db.prepare("SELECT position FROM events WHERE stream_id = 'trade-T2'").get() as {
      position: number;
    };
    db.prepare("UPDATE events SET data = json_set(data, '$.rebate', '999') WHERE position = ?").run(
      row.position,
    );
    db.close();
    const { report, exit } = await runAudit({ dataDir });
    expect(exit).toBe(1);
    expect(report.verified).toBe(false);
    expect(report.chain.firstBad).toMatchObject({
      position: String(row.position),
      streamId: 'trade-T2',
      problem: 'hash-mismatch',
    });
  });

  test('an event made unreadable still gets a report naming it', async () => {
    const dataDir = await ledger();
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.pragma('ignore_check_constraints = ON');
    db.prepare(`UPDATE events SET data = '{"broken' WHERE stream_id = 'trade-T1'`).run();
    db.close();
    const { report, exit } = await runAudit({ dataDir });
    expect(exit).toBe(1);
    expect(report.chain.firstBad).toMatchObject({ streamId: 'trade-T1', problem: 'unreadable' });
  });
});

describe('rebate audit on PostgreSQL', () => {
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl === undefined || databaseUrl === '') {
    throw new Error('DATABASE_URL is not set: this test needs a PostgreSQL database');
  }
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  test('an edited agreement event fails the audit, naming its stream and position', async () => {
    const schema = `audit_chain_${randomBytes(6).toString('hex')}`;
    const saved = { ...process.env };
    try {
      const store = await createPostgresEventStore({ connectionString: databaseUrl, schema });
      await runScenario(SCENARIO, store);
      await store.close();
      Object.assign(process.env, {
        EVENT_STORE: 'postgres',
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
      });
      expect((await runAudit({})).exit).toBe(0);

      // The 20% rate raised to 50%, as someone with database access might.
      const [rate] = await sql(
        `UPDATE "${schema}".events SET data = jsonb_set(data, '{percent}', '"50"')
         WHERE type = 'RebateRateSet' RETURNING position::text AS position`,
      );
      const { report, exit } = await runAudit({});
      expect(exit).toBe(1);
      expect(report.chain.firstBad).toMatchObject({
        position: rate?.['position'],
        streamId: 'agreements',
        problem: 'hash-mismatch',
      });
    } finally {
      process.env = saved;
      await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });
});
