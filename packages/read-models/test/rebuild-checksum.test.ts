import { ProjectionBusyError, createReadModels, rebuildProjection } from '../src';
import { propertySeed } from '@rebate/test-support';
import { checksumOf } from './support/checksum';
import { ALL, waitForHead } from './support/projections';
import { applyLines, longScenario } from './support/scenario';
import { SETUPS } from './support/setups';

/** Scenarios of the ledger's arbitrary, one after another: about 20 events each. */
const PARTS = { sqlite: 60, postgres: 25 };

describe.each(SETUPS)('rebuild on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('after a long random run with live projections, each rebuilt table equals the live one', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const readModels = createReadModels(store, storage, { retryDelayMs: 20 });
    try {
      // Live: the runners follow the store while the history is being written.
      readModels.start();
      const seed = propertySeed(`rebuild history (${setup.name})`);
      const report = await applyLines(store, longScenario(seed, PARTS[setup.name]));
      await waitForHead(store, storage);
      const head = await store.headPosition();
      expect(head).toBeGreaterThan(BigInt(PARTS[setup.name] * 10));

      const partners = await readModels.queries.listPartners();
      expect(partners.map(({ model: _m, clients: _c, ...totals }) => totals)).toEqual(
        report.partners,
      );

      // A live processor holds each projection: a rebuild must not start under it.
      await expect(
        rebuildProjection({ store, storage, projection: ALL[0]!, claimTimeoutMs: 100 }),
      ).rejects.toThrow(ProjectionBusyError);
      await readModels.stop();

      for (const projection of ALL) {
        const live = await checksumOf(storage, projection);
        const result = await rebuildProjection({ store, storage, projection, batchSize: 97 });
        expect(result).toEqual({ projection: projection.name, checkpoint: head });
        const rebuilt = await checksumOf(storage, projection);
        expect(rebuilt).toEqual(live);
        expect(Object.values(live.rows).some((count) => count > 0)).toBe(true);
      }
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
