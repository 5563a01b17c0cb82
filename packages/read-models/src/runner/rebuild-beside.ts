import type { EventStore } from '@rebate/event-store';
import type { Projection } from '../projections/projection';
import { CheckpointConflictError, type ReadModelStorage } from '../storage/port';
import { claimWithin } from './rebuild';
import { runProjection } from './run-projection';

/** The shadow tables' suffix and the rebuild's own checkpoint name: `accounts__rebuild`. */
export const REBUILD_SUFFIX = '__rebuild';

export interface RebuildBesideOptions {
  readonly store: EventStore;
  readonly storage: ReadModelStorage;
  readonly projection: Projection;
  readonly batchSize?: number;
  /** How long to wait for another rebuild of the same projection. Default 20 s. */
  readonly claimTimeoutMs?: number;
  /** Catch-up rounds before giving up when the live projection keeps moving. Default 20. */
  readonly maxRounds?: number;
}

export interface RebuildBesideResult {
  readonly projection: string;
  /** The checkpoint the swapped-in tables had reached. */
  readonly checkpoint: bigint | undefined;
}

/**
 * Rebuilds a projection beside its live tables: fills shadow tables from the first event while
 * the live ones keep answering and the live processor keeps applying, then, once the shadow has
 * caught up with the live checkpoint, swaps them in and moves the live checkpoint in one
 * transaction. The live processor carries on (if its checkpoint was moved under it, its next
 * batch fails the compare-and-set and it restarts from the stored checkpoint). No stop of the
 * API; readers see the old tables or the new ones, never a half-built one.
 */
export const rebuildBeside = async (
  options: RebuildBesideOptions,
): Promise<RebuildBesideResult> => {
  const { store, storage, projection } = options;
  const shadowName = `${projection.name}${REBUILD_SUFFIX}`;
  const tables = projection.tables.map((table) => table.sqlName);
  // One rebuild of a projection at a time; the live processor keeps its own claim.
  const claim = await claimWithin(storage, shadowName, options.claimTimeoutMs ?? 20_000);
  try {
    await storage.shadows.create(tables, REBUILD_SUFFIX);
    await storage.transaction(async (tx) =>
      tx.compareAndSetCheckpoint(shadowName, await tx.checkpoint(shadowName), undefined),
    );
    const shadow = storage.shadows.view(tables, REBUILD_SUFFIX);
    const shadowProjection: Projection = { ...projection, name: shadowName };
    let reached: bigint | undefined;
    for (let round = 0; round < (options.maxRounds ?? 20); round += 1) {
      const head = await store.headPosition();
      if (head !== undefined && (reached === undefined || reached < head)) {
        reached = await runProjection({
          store,
          storage: shadow,
          projection: shadowProjection,
          signal: claim.lost,
          until: head,
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        });
      }
      const live = await storage.checkpoint(projection.name);
      // The live processor got further than the shadow: catch up again first.
      if (live !== undefined && (reached === undefined || live > reached)) continue;
      try {
        await storage.shadows.swap({
          live: projection.name,
          shadow: shadowName,
          expectedLive: live,
          next: reached,
          tables,
          suffix: REBUILD_SUFFIX,
        });
        return { projection: projection.name, checkpoint: reached };
      } catch (error) {
        if (!(error instanceof CheckpointConflictError)) throw error;
      }
    }
    throw new Error(`rebuild of ${projection.name} did not catch up with the live projection`);
  } finally {
    await claim.release();
  }
};
