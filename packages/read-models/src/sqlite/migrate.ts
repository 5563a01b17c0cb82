import type { Database } from 'better-sqlite3';
import * as t from 'io-ts';
import { SafeIntegerFromDb, decodeOrThrow, pendingMigrations } from '@rebate/event-store';
import { MIGRATIONS } from './migrations';

const AppliedRows = t.array(t.type({ version: SafeIntegerFromDb }));

/**
 * Brings the read-model schema up to date in one BEGIN IMMEDIATE transaction, so processes
 * opening the same file together apply each migration once.
 */
export function migrate(db: Database): void {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    const applied = decodeOrThrow(AppliedRows, rows, 'schema_migrations rows');
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of pendingMigrations(
      MIGRATIONS,
      applied.map((row) => row.version),
    )) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  apply.immediate();
}
