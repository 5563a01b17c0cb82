import fc from 'fast-check';
import {
  CheckpointConflictError,
  type Projection,
  type ReadModelStorage,
  ProjectionRunner,
  SqlLedgerQueries,
  runProjection,
} from '../src';
import { propertySeed } from '@rebate/test-support';
import { type ProjectionChecksum, checksumOf } from './support/checksum';
import { type FaultPoint, withFaults } from './support/faulty-storage';
import { ALL, catchUp, resetAll, waitForHead } from './support/projections';
import { applyLines, longScenario, numRuns } from './support/scenario';
import { SETUPS } from './support/setups';

const checksums = async (storage: ReadModelStorage) => {
  const sums: Record<string, ProjectionChecksum> = {};
  for (const projection of ALL) sums[projection.name] = await checksumOf(storage, projection);
  return sums;
};

const faultPoint = fc.constantFrom<FaultPoint>('after-checkpoint', 'mid-flush', 'before-commit');

describe.each(SETUPS)('crash safety of the checkpoint on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('failures at any point of a batch transaction never double-count or skip', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      const report = await applyLines(store, longScenario(propertySeed('crash history'), 3));
      await catchUp(store, storage);
      const reference = await checksums(storage);
      const head = (await store.headPosition()) as bigint;

      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(fc.nat({ max: 40 }), faultPoint), {
            minLength: 1,
            maxLength: 8,
            selector: ([index]) => index,
          }),
          fc.integer({ min: 1, max: 60 }),
          async (faults, batchSize) => {
            await resetAll(storage);
            // Every fault inside the run: each projection commits at least this many batches.
            const batches = ALL.length * Math.ceil(Number(head) / batchSize);
            const faulty = withFaults(
              storage,
              new Map(faults.map(([index, point]) => [index % batches, point])),
            );
            const runners = ALL.map(
              (projection) =>
                new ProjectionRunner({
                  store,
                  storage: faulty,
                  projection,
                  batchSize,
                  retryDelayMs: 1,
                }),
            );
            runners.forEach((runner) => runner.start());
            try {
              await waitForHead(store, storage);
            } finally {
              await Promise.all(runners.map((runner) => runner.stop()));
            }
            expect(await checksums(storage)).toEqual(reference);
            expect(faulty.injected()).toBeGreaterThan(0);
          },
        ),
        { seed: propertySeed(`injected failures (${setup.name})`), numRuns: numRuns(8) },
      );
      const partners = await new SqlLedgerQueries(storage).listPartners();
      expect(partners.map(({ model: _m, clients: _c, ...totals }) => totals)).toEqual(
        report.partners,
      );
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('two processors racing on one projection: the compare-and-set lets one batch win', async () => {
    const store = await setup.openStore();
    const reference = await setup.openStorage();
    const first = await setup.openStorage({ file: true });
    const second = await setup.reopenStorage();
    try {
      await applyLines(store, longScenario(propertySeed('race history'), 2));
      await catchUp(store, reference);
      const head = (await store.headPosition()) as bigint;
      let conflicts = 0;
      // No claims here: as if a processor lost its lease without noticing.
      const race = async (storage: ReadModelStorage, projection: Projection) => {
        for (;;) {
          try {
            const reached = await runProjection({
              store,
              storage,
              projection,
              until: head,
              batchSize: 4,
              signal: new AbortController().signal,
            });
            if (reached !== undefined && reached >= head) return;
          } catch (error) {
            if (!(error instanceof CheckpointConflictError)) throw error;
            conflicts += 1;
          }
        }
      };
      await Promise.all(ALL.flatMap((p) => [race(first, p), race(second, p)]));
      expect(conflicts).toBeGreaterThan(0);
      expect(await checksums(first)).toEqual(await checksums(reference));
    } finally {
      await Promise.all([reference.close(), first.close(), second.close()]);
      await store.close();
    }
  });
});
