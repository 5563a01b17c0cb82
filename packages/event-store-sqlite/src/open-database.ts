import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';

export const IN_MEMORY = ':memory:';

/** Opens (creating if needed) an event-store database file and migrates it. */
export function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  // `timeout` is SQLite's busy timeout: other processes' write transactions are waited for.
  const db = new Database(path, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL syncs only at checkpoints: a commit survives a process crash (the WAL is
  // in the OS cache) and only an OS crash or power loss can lose the last commits, never
  // corrupt the file. FULL would fsync every append and cap single-event appends at disk
  // latency; the simulate path needs thousands per second.
  db.pragma('synchronous = NORMAL');
  // Positions are 64-bit: read every integer as bigint, convert revisions explicitly.
  db.defaultSafeIntegers(true);
  migrate(db);
  return db;
}
