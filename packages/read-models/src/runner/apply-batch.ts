import type { RecordedEvent } from '@rebate/event-store';
import { ledgerEventOf } from './recorded-event';
import type { Projection } from '../projections/projection';
import type { ReadModelStorage } from '../storage/port';

/**
 * Applies a batch in one transaction: its rows and its checkpoint commit together or not at
 * all, so a crash at any point leaves the rows matching the checkpoint and a restart neither
 * skips nor re-counts an event. The checkpoint moves first: a second processor of the same
 * projection waits on its row lock, then fails the compare-and-set instead of applying the
 * batch again. Returns the new checkpoint.
 */
export const applyBatch = async (
  storage: ReadModelStorage,
  projection: Projection,
  checkpoint: bigint | undefined,
  batch: readonly RecordedEvent[],
): Promise<bigint> => {
  const last = batch[batch.length - 1];
  if (last === undefined) throw new RangeError('empty batch');
  const events = batch.map((recorded) => ({
    event: ledgerEventOf(recorded),
    position: recorded.position,
  }));
  await storage.transaction(async (tx) => {
    await tx.compareAndSetCheckpoint(projection.name, checkpoint, last.position);
    await projection.applyBatch(events, tx.db);
  });
  return last.position;
};
