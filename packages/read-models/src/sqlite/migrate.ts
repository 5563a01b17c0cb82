import type { Database } from 'better-sqlite3';
import { runSqliteMigrations } from '@rebate/sql';
import { MIGRATIONS } from './migrations';

/**
 * Brings the read-model schema up to date in one BEGIN IMMEDIATE transaction, so processes
 * opening the same file together apply each migration once.
 */
export function migrate(db: Database): void {
  runSqliteMigrations(db, MIGRATIONS);
}
