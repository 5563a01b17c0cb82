import { checkpointsTable } from './checkpoints-table';
import { CheckpointConflictError, type ReadModelDb, type ReadModelTransaction } from './port';

/** The checkpoint statements both adapters run, on whatever connection `db` is bound to. */

export const readCheckpoint = async (
  db: ReadModelDb,
  projection: string,
): Promise<bigint | undefined> => {
  const row = await db
    .selectFrom('projectionCheckpoints')
    .selectAll()
    .where('projection', '=', projection)
    .executeTakeFirst();
  return row === undefined ? undefined : checkpointsTable.decode(row).position;
};

export const readCheckpoints = async (db: ReadModelDb): Promise<ReadonlyMap<string, bigint>> => {
  const rows = await db.selectFrom('projectionCheckpoints').selectAll().execute();
  return new Map(
    rows.map((raw) => {
      const row = checkpointsTable.decode(raw);
      return [row.projection, row.position];
    }),
  );
};

/**
 * Moves the checkpoint from `expected` to `next` (undefined: none). One statement per case,
 * each changing exactly one row when the stored value is the expected one; on PostgreSQL the
 * row lock it takes also makes a concurrent processor wait, then fail.
 */
export const compareAndSetCheckpoint = async (
  db: ReadModelDb,
  projection: string,
  expected: bigint | undefined,
  next: bigint | undefined,
): Promise<void> => {
  const updatedAt = new Date().toISOString();
  const table = 'projectionCheckpoints';
  let changed: bigint | undefined;
  if (expected === undefined && next === undefined) {
    // Nothing stored and nothing to store: "changes" the row only if one exists (a conflict).
    const result = await db
      .updateTable(table)
      .set((eb) => ({ updatedAt: eb.ref('updatedAt') }))
      .where('projection', '=', projection)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 0n) throw new CheckpointConflictError(projection, expected);
    return;
  }
  if (expected === undefined) {
    const result = await db
      .insertInto(table)
      .values({ projection, position: next as bigint, updatedAt })
      .onConflict((oc) => oc.column('projection').doNothing())
      .executeTakeFirst();
    changed = result.numInsertedOrUpdatedRows;
  } else if (next === undefined) {
    const result = await db
      .deleteFrom(table)
      .where('projection', '=', projection)
      .where('position', '=', expected)
      .executeTakeFirst();
    changed = result.numDeletedRows;
  } else {
    const result = await db
      .updateTable(table)
      .set({ position: next, updatedAt })
      .where('projection', '=', projection)
      .where('position', '=', expected)
      .executeTakeFirst();
    changed = result.numUpdatedRows;
  }
  if (changed !== 1n) throw new CheckpointConflictError(projection, expected);
};

/** The port's transaction over Kysely bound to it. */
export const transactionOn = (db: ReadModelDb): ReadModelTransaction => ({
  db,
  checkpoint: (projection) => readCheckpoint(db, projection),
  compareAndSetCheckpoint: (projection, expected, next) =>
    compareAndSetCheckpoint(db, projection, expected, next),
});
