import type { ReadModelStorage, RowWriter } from '../../src';

export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

export type FaultPoint = 'after-checkpoint' | 'mid-flush' | 'before-commit';

/**
 * The storage with failures injected into chosen transactions (by their number, from 0): after
 * the checkpoint moved, half-way through writing rows, or after everything was written just
 * before COMMIT. The transaction then rolls back, as after a crash at that point.
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
    rows: storage.rows,
    snapshot: (work) => storage.snapshot(work),
    checkpoints: () => storage.checkpoints(),
    claimProcessor: (projection) => storage.claimProcessor(projection),
    shadows: storage.shadows,
    close: () => storage.close(),
    injected: () => injected,
    transaction: (work) => {
      const point = faults.get(transactions);
      transactions += 1;
      return storage.transaction(async (tx) => {
        let puts = 0;
        const faulty: RowWriter = {
          getMany: (table, keys) => tx.getMany(table, keys),
          scan: (table, scan) => tx.scan(table, scan),
          checkpoint: (projection) => tx.checkpoint(projection),
          delete: (table, keys) => tx.delete(table, keys),
          deleteAll: (table) => tx.deleteAll(table),
          compareAndSetCheckpoint: async (projection, expected, next) => {
            await tx.compareAndSetCheckpoint(projection, expected, next);
            if (point === 'after-checkpoint') fail();
          },
          put: async (table, rows) => {
            await tx.put(table, rows);
            puts += 1;
            if (point === 'mid-flush' && puts === 1) fail();
          },
        };
        const result = await work(faulty);
        if (point === 'before-commit' || (point === 'mid-flush' && puts === 0)) fail();
        return result;
      });
    },
  };
};
