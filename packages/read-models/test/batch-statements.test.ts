import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { ReadModelStorage } from '../src';
import { propertySeed } from '@rebate/test-support';
import { checksumOf } from './support/checksum';
import { ALL, catchUp } from './support/projections';
import { applyLines, longScenario } from './support/scenario';
import { SETUPS } from './support/setups';

/** Counts the statements run through it. */
class CountStatements implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The storage, recording how many statements each transaction ran. */
const counting = (storage: ReadModelStorage, perTransaction: number[]): ReadModelStorage => ({
  ...storage,
  read: (work) => storage.read(work),
  snapshot: (work) => storage.snapshot(work),
  checkpoint: (projection) => storage.checkpoint(projection),
  checkpoints: () => storage.checkpoints(),
  claimProcessor: (projection) => storage.claimProcessor(projection),
  close: () => storage.close(),
  transaction: (work) =>
    storage.transaction(async (tx) => {
      const counter = new CountStatements();
      const db = tx.db.withPlugin(counter);
      const result = await work({
        db,
        checkpoint: (projection) => tx.checkpoint(projection),
        compareAndSetCheckpoint: (projection, expected, next) =>
          tx.compareAndSetCheckpoint(projection, expected, next),
      });
      perTransaction.push(counter.count);
      return result;
    }),
});

describe.each(SETUPS)('a batch is a few statements, whatever its size, on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('each projection applies 500 events in a bounded number of statements', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const reference = await setup.openStorage();
    try {
      await applyLines(store, longScenario(propertySeed('batch statements'), 60));
      const head = Number(await store.headPosition());
      expect(head).toBeGreaterThan(1000);
      for (const projection of ALL) {
        const perTransaction: number[] = [];
        await catchUp(store, counting(storage, perTransaction), [projection], 500);
        // Catching up fills batches: far fewer transactions than events.
        expect(perTransaction.length).toBeLessThan(head / 100);
        // Checkpoint, a read per kind of row, a multi-row upsert per table: never one per row.
        const bound = 1 + 3 + projection.tables.length;
        expect([projection.name, Math.max(...perTransaction) <= bound]).toEqual([
          projection.name,
          true,
        ]);
      }
      // And the same rows as small batches give.
      await catchUp(store, reference, ALL, 50);
      for (const projection of ALL) {
        expect(await checksumOf(storage, projection)).toEqual(
          await checksumOf(reference, projection),
        );
      }
    } finally {
      await Promise.all([storage.close(), reference.close()]);
      await store.close();
    }
  });
});
