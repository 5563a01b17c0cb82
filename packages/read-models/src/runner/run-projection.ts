import type { EventStore } from '@rebate/event-store';
import type { Projection } from '../projections/projection';
import type { ReadModelStorage } from '../storage/port';
import { applyBatch } from './apply-batch';
import { inBatches } from './event-batches';

export const DEFAULT_BATCH_SIZE = 500;

export interface RunProjectionOptions {
  readonly store: EventStore;
  readonly storage: ReadModelStorage;
  readonly projection: Projection;
  /** Stops the run; it then returns normally. */
  readonly signal: AbortSignal;
  /** Events per transaction at most. Default 500. */
  readonly batchSize?: number;
  /** Return once the checkpoint has reached this position (a catch-up); else run until aborted. */
  readonly until?: bigint;
  /** Called with the stored checkpoint at the start and after every committed batch. */
  readonly onCheckpoint?: (checkpoint: bigint | undefined) => void;
}

/**
 * Subscribes after the stored checkpoint and applies what arrives, batch by batch. The caller
 * must hold the projection's processor claim. Returns the last committed checkpoint.
 */
export const runProjection = async (options: RunProjectionOptions): Promise<bigint | undefined> => {
  const { store, storage, projection, until, onCheckpoint } = options;
  let checkpoint = await storage.checkpoint(projection.name);
  onCheckpoint?.(checkpoint);
  const reached = () => until !== undefined && checkpoint !== undefined && checkpoint >= until;
  if (reached() || options.signal.aborted) return checkpoint;

  // Aborting our own controller (on reaching `until`) ends the subscription's wait at once.
  const done = new AbortController();
  const signal = AbortSignal.any([options.signal, done.signal]);
  const events = store.subscribeToAll({
    ...(checkpoint === undefined ? {} : { after: checkpoint }),
    signal,
  });
  try {
    for await (const batch of inBatches(events, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
      checkpoint = await applyBatch(storage, projection, checkpoint, batch);
      onCheckpoint?.(checkpoint);
      // better-sqlite3 is synchronous: without a turn of the event loop between batches, a
      // long catch-up would hold up everything else in the process (the API's requests).
      await new Promise((resolve) => setImmediate(resolve));
      if (reached()) {
        done.abort();
        break;
      }
    }
  } finally {
    done.abort();
  }
  return checkpoint;
};
