import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runScenario } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance } from '@rebate/read-models';
import {
  type CommandPort,
  type IdempotencyStore,
  openPostgresIdempotencyStore,
  openSqliteIdempotencyStore,
} from '@rebate/api';
import {
  backends,
  requireDatabaseUrl,
  clientsOf,
  partnersOf,
  positionOf,
  startTestApi,
} from '@rebate/test-support/api';
import { crashScenario } from './support/crash-scenario';
import { auditReport } from './support/audit-job';

/**
 * Hardening #3 and #10 on both databases: the first attempt of an import "crashes" right after
 * the Nth step was stored (before it was journaled or answered); the retry with the same
 * Idempotency-Key applies exactly the lines not yet applied, recognises the stored one by its
 * command id (a re-attachment or a payout run decided again would differ), and the result is
 * the one `runScenario` gives. The crash points are seeded.
 */

const SEED = Number(process.env['RESUME_SEED'] ?? Date.now() % 1_000_000);

class Crash extends Error {}

/** Lets `after` commands through, then fails right after storing the next one. */
const crashingAfter = (after: number) => {
  let calls = 0;
  let armed = true;
  const wrap = (ledger: CommandPort): CommandPort => {
    const crash = <T>(result: T): T => {
      calls += 1;
      if (armed && calls > after) {
        armed = false;
        throw new Crash('crashed after the append');
      }
      return result;
    };
    return {
      execute: async (command, context) => crash(await ledger.execute(command, context)),
      executeTrades: async (items) => crash(await ledger.executeTrades(items)),
      previewPayoutRun: (command) => ledger.previewPayoutRun(command),
    };
  };
  return { wrap };
};

const idempotencyFor = async (
  name: string,
): Promise<{ store: IdempotencyStore; drop: () => Promise<void> }> => {
  if (name === 'sqlite') {
    const store = openSqliteIdempotencyStore(':memory:');
    return { store, drop: () => store.close() };
  }
  const url = requireDatabaseUrl();
  const schema = `api_idem_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresIdempotencyStore({ connectionString: url, schema });
  return {
    store,
    drop: async () => {
      await store.close();
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
};

describe.each(backends)('an import resumed after a crash on $name', (backend) => {
  test.each([0, 1, 2])('crash point %#: the retry ends equal to runScenario', async (round) => {
    const seed = SEED + round;
    const lines = crashScenario(seed, 400);
    // Steps are single commands or batches of up to 500 trades: crash somewhere among them.
    const after = (seed * 7919) % 60;
    console.log(`[resume] seed ${seed} crash after step ${after} (RESUME_SEED=${SEED})`);
    const idempotency = await idempotencyFor(backend.name);
    const crash = crashingAfter(after);
    const api = await startTestApi(backend, {
      commands: crash.wrap,
      idempotency: idempotency.store,
    });
    try {
      const send = () =>
        api.call('POST', '/v1/commands', {
          as: 'admin',
          raw: lines.join('\n'),
          contentType: 'application/x-ndjson',
          headers: { 'idempotency-key': `resume-${seed}` },
        });
      const first = await send();
      expect(first.status).toBe(500);
      const retry = await send();
      expect(retry.status).toBe(200);
      const again = await send();
      expect(again.json).toEqual(retry.json);
      expect(again.headers.get('idempotent-replayed')).toBe('true');

      const store = openSqliteEventStore({ path: ':memory:' });
      const expected = await runScenario(lines, store).finally(() => store.close());
      const read = `minPosition=${positionOf(retry.json)}`;
      const partners = await api.call('GET', `/v1/partners?${read}`, { as: 'finance' });
      const clients = await api.call('GET', `/v1/clients?${read}`, { as: 'finance' });
      expect(partnersOf((partners.json as { items: PartnerBalance[] }).items)).toEqual(
        partnersOf(expected.partners),
      );
      expect(clientsOf((clients.json as { items: ClientBalance[] }).items)).toEqual(
        clientsOf(expected.clients),
      );
      const summary = retry.json as { rejected: number; duplicates: number; results: unknown[] };
      expect(summary.rejected).toBe(expected.rejected.length);
      expect(summary.duplicates).toBe(expected.duplicates);
      expect(
        (summary.results as { line: number; reason: string }[]).map(({ line, reason }) => ({
          line,
          reason,
        })),
      ).toEqual(expected.rejected);
      expect(await auditReport(api)).toMatchObject({ consistent: true, differences: [] });
    } finally {
      await api.close();
      await idempotency.drop();
    }
  });

  test('the same key with another body is 422, whatever the restarts', async () => {
    const idempotency = await idempotencyFor(backend.name);
    const api = await startTestApi(backend, { idempotency: idempotency.store });
    try {
      const post = (raw: string) =>
        api.call('POST', '/v1/commands', {
          as: 'admin',
          raw,
          contentType: 'application/x-ndjson',
          headers: { 'idempotency-key': 'k-body' },
        });
      expect((await post('x')).status).toBe(200);
      expect((await post('y')).json).toMatchObject({ code: 'idempotency-key-reused' });
    } finally {
      await api.close();
      await idempotency.drop();
    }
  });
});
