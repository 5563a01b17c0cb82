import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { SqliteReadModelStorage } from './sqlite-storage';

export interface SqliteReadModelOptions {
  /** The database file (its folder is created if missing), e.g. `data/readmodels.sqlite`, or ':memory:'. */
  readonly path: string;
  /** How long a write waits for another process's write transaction. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /** A projection's processor lease; a crashed holder's lease frees after this. Default 15 s. */
  readonly leaseMs?: number;
}

/** Opens (creating and migrating if needed) the read-model database. */
export const openSqliteReadModels = (options: SqliteReadModelOptions): SqliteReadModelStorage => {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(options.path, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  // As in the event store: a commit survives a process crash; only power loss can lose the
  // last commits, and a projection simply re-applies them from its (equally old) checkpoint.
  db.pragma('synchronous = NORMAL');
  db.defaultSafeIntegers(true);
  migrate(db);
  return new SqliteReadModelStorage(db, { leaseMs: options.leaseMs ?? 15_000, busyTimeoutMs });
};
