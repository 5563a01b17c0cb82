import { type EventStore, sleep } from '@rebate/event-store';
import type { Projection } from '../projections/projection';
import type { ProcessorClaim, ReadModelStorage } from '../storage/port';
import type { ReadModelsDatabase } from '../storage/read-models-database';
import { runProjection } from './run-projection';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly storage: ReadModelStorage;
  readonly projection: Projection;
  readonly batchSize?: number;
  /**
   * How long to wait for the processor claim: a crashed holder's SQLite lease frees after its
   * lease time. A live processor elsewhere keeps it: stop it first. Default 20 s.
   */
  readonly claimTimeoutMs?: number;
  readonly onCheckpoint?: (checkpoint: bigint | undefined) => void;
}

export interface RebuildResult {
  readonly projection: string;
  /** The checkpoint reached: the head of the store when the rebuild started. */
  readonly checkpoint: bigint | undefined;
}

export class ProjectionBusyError extends Error {
  override readonly name = 'ProjectionBusyError';
  constructor(readonly projection: string) {
    super(
      `projection ${projection} is being processed by another process: stop it (the API or another rebuild) and try again`,
    );
  }
}

export const claimWithin = async (
  storage: ReadModelStorage,
  projection: string,
  timeoutMs: number,
): Promise<ProcessorClaim> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const claim = await storage.claimProcessor(projection);
    if (claim !== undefined) return claim;
    if (Date.now() >= deadline) throw new ProjectionBusyError(projection);
    await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
  }
};

/** Clears a projection's rows and its checkpoint in one transaction. Hold its claim. */
export const resetProjection = (storage: ReadModelStorage, projection: Projection): Promise<void> =>
  storage.transaction(async (tx) => {
    const checkpoint = await tx.checkpoint(projection.name);
    await tx.compareAndSetCheckpoint(projection.name, checkpoint, undefined);
    for (const table of projection.tables) {
      await tx.db.deleteFrom(table.name as keyof ReadModelsDatabase).execute();
    }
  });

/**
 * Clears a projection's rows and checkpoint (one transaction), then applies every event from
 * the first up to the head of the store as it was when the rebuild started. Holds the
 * processor claim throughout, so no live processor writes in between.
 */
export const rebuildProjection = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store, storage, projection } = options;
  const claim = await claimWithin(storage, projection.name, options.claimTimeoutMs ?? 20_000);
  try {
    await resetProjection(storage, projection);
    const head = await store.headPosition();
    if (head === undefined) return { projection: projection.name, checkpoint: undefined };
    const checkpoint = await runProjection({
      ...options,
      signal: claim.lost,
      until: head,
    });
    if (checkpoint === undefined || checkpoint < head) {
      throw new Error(`rebuild of ${projection.name} stopped at ${checkpoint}: its claim was lost`);
    }
    return { projection: projection.name, checkpoint };
  } finally {
    await claim.release();
  }
};
