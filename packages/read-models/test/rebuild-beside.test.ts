import { createReadModels, rebuildBeside, rebuildProjection } from '../src';
import { propertySeed } from '@rebate/test-support';
import { checksumOf } from './support/checksum';
import { ALL, waitForHead } from './support/projections';
import { applyLines, longScenario } from './support/scenario';
import { SETUPS } from './support/setups';

const PARTS = { sqlite: 30, postgres: 12 };

/**
 * `rebate projections rebuild` with the API up: every projection is rebuilt beside its live
 * tables while the live processors run and writes keep arriving; the queries answer throughout;
 * afterwards the live tables equal a rebuild from scratch, row for row (checksum).
 */
describe.each(SETUPS)('rebuild beside the live tables on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('under load, ends with the accounts a rebuild from scratch gives', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const readModels = createReadModels(store, storage, { retryDelayMs: 20 });
    try {
      readModels.start();
      const seed = propertySeed(`rebuild beside (${setup.name})`);
      await applyLines(store, longScenario(seed, PARTS[setup.name]));
      await waitForHead(store, storage);
      const before = await readModels.queries.listPartners();
      expect(before.length).toBeGreaterThan(0);

      // Writes keep arriving while each projection is rebuilt beside its live tables.
      const writing = applyLines(store, longScenario(seed + 1, PARTS[setup.name]), 'second');
      let answered = 0;
      for (const projection of ALL) {
        const rebuilding = rebuildBeside({ store, storage, projection, batchSize: 53 });
        const reads = (async () => {
          for (let i = 0; i < 5; i += 1) {
            if ((await readModels.queries.listPartners()).length > 0) answered += 1;
          }
        })();
        const [result] = await Promise.all([rebuilding, reads]);
        expect(result.projection).toBe(projection.name);
      }
      await writing;
      expect(answered).toBe(5 * ALL.length);
      await waitForHead(store, storage);
      const live = await Promise.all(ALL.map((projection) => checksumOf(storage, projection)));
      expect((await storage.checkpoints()).has('accounts__rebuild')).toBe(false);

      await readModels.stop();
      for (const [index, projection] of ALL.entries()) {
        await rebuildProjection({ store, storage, projection });
        expect(await checksumOf(storage, projection)).toEqual(live[index]);
      }
      expect(Object.values(live[0]?.rows ?? {}).some((count) => count > 0)).toBe(true);
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
