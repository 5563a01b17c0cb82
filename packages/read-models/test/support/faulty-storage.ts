import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { ReadModelStorage } from '../../src';

export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

export type FaultPoint = 'after-checkpoint' | 'mid-flush' | 'before-commit';

/** Fails right after the first write (INSERT, UPDATE, DELETE) on `db` has run. */
class FailAfterFirstWrite implements KyselyPlugin {
  private readonly writes = new Set<unknown>();
  private done = false;
  constructor(private readonly fail: () => never) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { kind } = args.node;
    if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') {
      this.writes.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.done && this.writes.has(args.queryId)) {
      this.done = true;
      this.fail();
    }
    return args.result;
  }

  get failed(): boolean {
    return this.done;
  }
}

/**
 * The storage with failures injected into chosen transactions (by their number, from 0): after
 * the checkpoint moved, half-way through writing rows (after the batch's first write), or after
 * everything was written just before COMMIT. The transaction then rolls back, as after a crash
 * at that point.
 */
export const withFaults = (
  storage: ReadModelStorage,
  faults: ReadonlyMap<number, FaultPoint>,
): ReadModelStorage & { readonly injected: () => number } => {
  let transactions = 0;
  let injected = 0;
  const fail = (): never => {
    injected += 1;
    throw new InjectedFault('injected');
  };
  return {
    kind: storage.kind,
    read: (work) => storage.read(work),
    snapshot: (work) => storage.snapshot(work),
    checkpoint: (projection) => storage.checkpoint(projection),
    checkpoints: () => storage.checkpoints(),
    claimProcessor: (projection) => storage.claimProcessor(projection),
    shadows: storage.shadows,
    close: () => storage.close(),
    injected: () => injected,
    transaction: (work) => {
      const point = faults.get(transactions);
      transactions += 1;
      return storage.transaction(async (tx) => {
        const midFlush = new FailAfterFirstWrite(fail);
        const result = await work({
          db: point === 'mid-flush' ? tx.db.withPlugin(midFlush) : tx.db,
          checkpoint: (projection) => tx.checkpoint(projection),
          compareAndSetCheckpoint: async (projection, expected, next) => {
            await tx.compareAndSetCheckpoint(projection, expected, next);
            if (point === 'after-checkpoint') fail();
          },
        });
        // A batch that wrote nothing has no middle: it fails before its commit.
        if (point === 'before-commit' || (point === 'mid-flush' && !midFlush.failed)) fail();
        return result;
      });
    },
  };
};
