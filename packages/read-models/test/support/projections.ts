import type { EventStore } from '@rebate/event-store';
import {
  PROJECTIONS,
  PROJECTION_NAMES,
  type Projection,
  type ReadModelStorage,
  resetProjection,
  runProjection,
} from '../../src';

export const ALL: readonly Projection[] = PROJECTION_NAMES.map((name) => PROJECTIONS[name]);

/** Applies every event up to the current head to each projection. */
export const catchUp = async (
  store: EventStore,
  storage: ReadModelStorage,
  projections: readonly Projection[] = ALL,
  batchSize?: number,
): Promise<void> => {
  const head = await store.headPosition();
  if (head === undefined) return;
  for (const projection of projections) {
    await runProjection({
      store,
      storage,
      projection,
      until: head,
      signal: new AbortController().signal,
      ...(batchSize === undefined ? {} : { batchSize }),
    });
  }
};

export const resetAll = async (storage: ReadModelStorage): Promise<void> => {
  for (const projection of ALL) await resetProjection(storage, projection);
};

/** Polls until every projection's checkpoint has reached the head of the store. */
export const waitForHead = async (
  store: EventStore,
  storage: ReadModelStorage,
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    const checkpoints = await storage.checkpoints();
    if (ALL.every((p) => head === undefined || (checkpoints.get(p.name) ?? -1n) >= head)) return;
    if (Date.now() > deadline) throw new Error(`projections did not reach ${head} in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
