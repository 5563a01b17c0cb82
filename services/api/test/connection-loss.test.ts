import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  postgresBackend,
  requireDatabaseUrl,
  seedLedger,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * Hardening #9 on the real database: with a command waiting on a lock in the store,
 * pg_terminate_backend of every connection of the service answers the command 503 (a
 * problem, retryable), the process stays up (an uncaught 'error' would fail this test), and
 * the pools reconnect: the next command and a read of it succeed.
 */
describe('PostgreSQL connections terminated under the API', () => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await startTestApi(postgresBackend);
    await seedLedger(api);
    admin = new Client({ connectionString: requireDatabaseUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await api?.close();
  });

  test('the command in flight gets 503, then the service carries on', async () => {
    const schema = api.backend.schemas?.store as string;
    const locker = new Client({ connectionString: requireDatabaseUrl() });
    await locker.connect();
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
      .rows[0]?.pid;
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE "${schema}".streams IN ACCESS EXCLUSIVE MODE`);

    const waiting = api.call('POST', '/v1/partners', {
      as: 'admin',
      body: { partnerId: 'CUT1', model: 'agent' },
    });
    // Until the command's transaction waits on the lock.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [lockerPid],
      );
      if ((rows[0] as { n: number }).n > 0) break;
      if (Date.now() > deadline) throw new Error('the command never waited on the lock');
      await sleep(20);
    }
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1`,
      [lockerPid],
    );
    const answer = await waiting;
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'store-unavailable' });
    expect(answer.headers.get('retry-after')).toBe('1');
    await locker.query('ROLLBACK');
    await locker.end();

    // The pools reconnect; the projections claim their locks again and catch up.
    const retried = await api.call('POST', '/v1/partners', {
      as: 'admin',
      body: { partnerId: 'CUT1', model: 'agent' },
    });
    expect(retried.status).toBe(201);
    const position = (retried.json as { position: string }).position;
    const read = await api.call('GET', `/v1/partners/CUT1?minPosition=${position}`, {
      as: 'admin',
    });
    expect(read.status).toBe(200);
    expect((await api.call('GET', '/healthz')).status).toBe(200);
  }, 60_000);
});
