import type { Database } from 'better-sqlite3';
import { runSqliteMigrations } from '@rebate/sql';
import { MIGRATIONS } from './migrations';

/**
 * Brings the schema up to date. Runs in one BEGIN IMMEDIATE transaction, so processes opening
 * the same file together apply each migration once: the second waits (busy timeout), then
 * finds nothing pending.
 */
export function migrate(db: Database): void {
  runSqliteMigrations(db, MIGRATIONS);
}
