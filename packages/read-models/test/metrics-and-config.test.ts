import { join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import {
  openReadModelStorage,
  projectionLag,
  readModelsConfigFor,
  registerProjectionMetrics,
} from '../src';
import { catchUp } from './support/projections';
import { applyLines } from './support/scenario';
import { sqliteSetup } from './support/setups';

test('lag and checkpoint gauges read the database at scrape time', async () => {
  const setup = sqliteSetup();
  const store = await setup.openStore();
  const storage = await setup.openStorage();
  try {
    const registry = new Registry();
    registerProjectionMetrics(registry, {
      store,
      storage,
      projections: ['accounts', 'accruals', 'agreements'],
    });
    await applyLines(store, [
      { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
    ]);
    const before = await registry.metrics();
    expect(before).toContain('rebate_projection_lag_positions{projection="accounts"} 2');
    expect(before).toContain('rebate_projection_checkpoint_position{projection="accruals"} -1');
    expect(await projectionLag(store, () => storage.checkpoint('accounts'))).toBe(2);

    await catchUp(store, storage);
    const after = await registry.metrics();
    expect(after).toContain('rebate_projection_lag_positions{projection="agreements"} 0');
    expect(after).toContain('rebate_projection_checkpoint_position{projection="accounts"} 2');
  } finally {
    await storage.close();
    await store.close();
    await setup.cleanup();
  }
});

test('read models live beside the event store', () => {
  expect(readModelsConfigFor({ eventStore: 'sqlite', dataDir: './data' })).toEqual({
    kind: 'sqlite',
    path: join(resolve('./data'), 'readmodels.sqlite'),
  });
  expect(
    readModelsConfigFor({
      eventStore: 'postgres',
      dataDir: './data',
      databaseUrl: 'postgres://db/ledger',
    }),
  ).toEqual({ kind: 'postgres', connectionString: 'postgres://db/ledger' });
  expect(
    readModelsConfigFor({
      eventStore: 'esdb',
      dataDir: '/d',
      databaseUrl: 'postgres://x',
      schema: 'rm',
    }),
  ).toEqual({ kind: 'postgres', connectionString: 'postgres://x', schema: 'rm' });
  expect(readModelsConfigFor({ eventStore: 'esdb', dataDir: '/d' })).toEqual({
    kind: 'sqlite',
    path: '/d/readmodels.sqlite',
  });
  expect(() => readModelsConfigFor({ eventStore: 'postgres', dataDir: '/d' })).toThrow(
    /DATABASE_URL/,
  );
});

test('a bad configuration is refused before anything is opened', async () => {
  await expect(openReadModelStorage({ kind: 'mysql' })).rejects.toThrow(TypeError);
  await expect(
    openReadModelStorage({ kind: 'postgres', connectionString: 'postgres://x', schema: 'Drop;' }),
  ).rejects.toThrow(/invalid read-model config/);
});
