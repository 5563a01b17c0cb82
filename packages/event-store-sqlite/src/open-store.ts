import * as t from 'io-ts';
import { decodeOrThrow } from '@rebate/event-store';
import { openDatabase } from './open-database';
import { SqliteEventStore } from './sqlite-event-store';

export interface SqliteEventStoreOptions {
  /** The database file (its directory is created if missing), or ':memory:'. */
  readonly path: string;
  /** How long an append waits for another process's write transaction. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /**
   * How often a caught-up subscription checks for appends by other processes. Appends through
   * the same instance wake it at once. Default 100 ms.
   */
  readonly pollIntervalMs?: number;
}

const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0, 'PositiveInt');

/** The options as JSON, e.g. from a config file or a parent process. */
export const SqliteEventStoreConfig = t.intersection([
  t.type({ path: t.string }),
  t.partial({ busyTimeoutMs: PositiveInt, pollIntervalMs: PositiveInt }),
]);

/** Opens the store, creating and migrating the database as needed. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const db = openDatabase(options.path, options.busyTimeoutMs ?? 5000);
  return new SqliteEventStore(db, options.pollIntervalMs ?? 100);
}

/** `openSqliteEventStore` for untyped input: decodes it first (TypeError when invalid). */
export async function openSqliteEventStoreFromConfig(config: unknown): Promise<SqliteEventStore> {
  return openSqliteEventStore(decodeOrThrow(SqliteEventStoreConfig, config, 'SQLite store config'));
}
