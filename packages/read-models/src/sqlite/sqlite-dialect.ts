import type { SqlDialect } from '../storage/sql-dialect';

/** better-sqlite3 takes bigint and text as they are; booleans are stored as 0/1. */
export const sqliteDialect: SqlDialect = {
  param: () => '?',
  bind: (value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value),
  table: (name) => `"${name}"`,
  // SQLite's default limit is 32766 variables per statement.
  maxParams: 30_000,
};
