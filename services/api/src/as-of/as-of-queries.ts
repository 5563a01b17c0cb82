import type { Instant } from '@rebate/domain';
import type { EventStore } from '@rebate/event-store';
import { type RecordedPrefix, recordedPrefix, storeAsOf } from '@rebate/ledger';
import {
  type LedgerQueries,
  PROJECTIONS,
  PROJECTION_NAMES,
  type ReadModels,
  createReadModels,
  openSqliteReadModels,
  rebuildProjection,
} from '@rebate/read-models';

/**
 * Answers "as of T": the read models as the books stood at T, built by replaying the events
 * recorded at or before T into in-memory SQLite read models with the live projections, and
 * read with the live `LedgerQueries`: every as-of answer is computed by the same code as the
 * live one. The last few are kept, keyed by where their events end (two instants with no
 * event recorded between them share one).
 */
export interface AsOfQueries {
  /** Runs `use` with the queries of the books as they stood at `asOf`. */
  use<T>(asOf: Instant, use: (queries: LedgerQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Entry {
  readonly models: Promise<ReadModels>;
  users: number;
  evicted: boolean;
}

const keyOf = (prefix: RecordedPrefix): string => `${prefix.position ?? 'none'}/${prefix.events}`;

const build = async (store: EventStore): Promise<ReadModels> => {
  const models = createReadModels(store, openSqliteReadModels({ path: ':memory:' }));
  try {
    for (const name of PROJECTION_NAMES) {
      await rebuildProjection({ store, storage: models.storage, projection: PROJECTIONS[name] });
    }
    return models;
  } catch (error) {
    await models.close();
    throw error;
  }
};

export const createAsOfQueries = (
  store: Pick<EventStore, 'readAll'>,
  options: { readonly cacheSize?: number } = {},
): AsOfQueries => {
  const cacheSize = options.cacheSize ?? 4;
  // Insertion order is recency: a hit is re-inserted.
  const cache = new Map<string, Entry>();
  const release = async (entry: Entry) => {
    if (!entry.evicted || entry.users > 0) return;
    const models = await entry.models.catch(() => undefined);
    await models?.close();
  };
  const evictBeyond = async (size: number) => {
    for (const [key, entry] of cache) {
      if (cache.size <= size) break;
      cache.delete(key);
      entry.evicted = true;
      await release(entry).catch(() => undefined);
    }
  };
  return {
    async use(asOf, use) {
      const prefix = await recordedPrefix(store, asOf);
      const key = keyOf(prefix);
      let entry = cache.get(key);
      if (entry === undefined) {
        entry = { models: build(storeAsOf(store, asOf, prefix)), users: 0, evicted: false };
        // A failed build is not kept: the next request tries again.
        entry.models.catch(() => cache.delete(key));
      } else {
        cache.delete(key);
      }
      cache.set(key, entry);
      entry.users += 1;
      try {
        await evictBeyond(cacheSize);
        return await use((await entry.models).queries);
      } finally {
        entry.users -= 1;
        await release(entry);
      }
    },
    async close() {
      await evictBeyond(0);
    },
  };
};
