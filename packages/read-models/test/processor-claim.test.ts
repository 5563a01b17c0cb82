import { Client } from 'pg';
import { ProjectionRunner, type ReadModelStorage } from '../src';
import { LOCK_CLASSES, lockKey } from '@rebate/sql';
import { ALL } from './support/projections';
import { applyLines } from './support/scenario';
import { SETUPS, requireDatabaseUrl } from './support/setups';

const lines = [
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
];

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(SETUPS)('one processor per projection on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('a second claim waits until the first is released', async () => {
    const first = await setup.openStorage({ file: true });
    const second = await setup.reopenStorage();
    try {
      const claim = await first.claimProcessor('accounts');
      expect(claim).toBeDefined();
      expect(await second.claimProcessor('accounts')).toBeUndefined();
      expect(await first.claimProcessor('accounts')).toBeUndefined(); // per claim, not per process
      const other = await second.claimProcessor('accruals');
      expect(other).toBeDefined();
      await claim?.release();
      const taken = await second.claimProcessor('accounts');
      expect(taken).toBeDefined();
      await taken?.release();
      await other?.release();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('a standby takes over when the active processor stops', async () => {
    const store = await setup.openStore();
    const one = await setup.openStorage({ file: true, leaseMs: 200 });
    const two = await setup.reopenStorage({ leaseMs: 200 });
    const runner = (storage: ReadModelStorage) =>
      new ProjectionRunner({
        store,
        storage,
        projection: ALL[0]!,
        standbyPollMs: 20,
        retryDelayMs: 20,
      });
    const active = runner(one);
    const standby = runner(two);
    try {
      active.start();
      await until(() => active.status === 'active');
      standby.start();
      await until(() => standby.status === 'standby');
      await applyLines(store, lines);
      await until(async () => (await active.lag()) === 0);
      expect(standby.status).toBe('standby');

      await active.stop();
      await until(() => standby.status === 'active');
      await applyLines(store, [{ ...lines[1], clientId: 'C2' }], 'more');
      await until(async () => (await standby.lag()) === 0);
      expect(standby.checkpoint).toEqual(await store.headPosition());
    } finally {
      await Promise.all([active.stop(), standby.stop()]);
      await Promise.all([one.close(), two.close()]);
      await store.close();
    }
  });

  test('a processor that dies loses its claim to the next one', async () => {
    const first = await setup.openStorage({ file: true, leaseMs: 150 });
    const second = await setup.reopenStorage({ leaseMs: 150 });
    try {
      const claim = await first.claimProcessor('agreements');
      expect(claim).toBeDefined();
      if (setup.name === 'postgres') {
        // The server ends the lock's session, as when the process dies: the lock goes with it.
        const admin = new Client({ connectionString: requireDatabaseUrl() });
        await admin.connect();
        const storage = setup.opened.filter((o) => o.kind === 'postgres-storage').pop();
        const schema = storage?.kind === 'postgres-storage' ? storage.schema : '';
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid`,
          [LOCK_CLASSES.readModelProcessor, lockKey(`${schema}.agreements`) >>> 0],
        );
        expect(rowCount).toBe(1);
        await admin.end();
        await until(() => claim?.lost.aborted === true);
      } else {
        await first.close(); // its lease is no longer renewed
      }
      await until(async () => {
        const taken = await second.claimProcessor('agreements');
        await taken?.release();
        return taken !== undefined;
      });
    } finally {
      await Promise.all([first.close().catch(() => undefined), second.close()]);
    }
  });
});

test('the PostgreSQL tests say what to set when DATABASE_URL is missing', () => {
  const saved = process.env['DATABASE_URL'];
  delete process.env['DATABASE_URL'];
  try {
    expect(() => requireDatabaseUrl()).toThrow(/DATABASE_URL=postgres:\/\//);
  } finally {
    if (saved !== undefined) process.env['DATABASE_URL'] = saved;
  }
});
