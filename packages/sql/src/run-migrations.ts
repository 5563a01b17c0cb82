import * as t from 'io-ts';
import { SafeIntegerFromDb } from './db-codecs';
import { decodeOrThrow } from '@rebate/event-store';
import { type Migration, pendingMigrations } from './migrations';

const AppliedRows = t.array(t.type({ version: SafeIntegerFromDb }));

/** The part of a better-sqlite3 Database the SQLite migration runner uses. */
export interface SqliteMigrationDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): unknown;
  };
  transaction(fn: () => void): { immediate(): void };
}

/**
 * Brings a SQLite schema up to date. Runs in one BEGIN IMMEDIATE transaction, so processes
 * opening the same file together apply each migration once: the second waits (busy timeout),
 * then finds nothing pending.
 */
export function runSqliteMigrations(
  db: SqliteMigrationDatabase,
  migrations: readonly Migration<SqliteMigrationDatabase>[],
): void {
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
      migrations,
      applied.map((row) => row.version),
    )) {
      db.exec(migration.sql);
      void migration.backfill?.(db);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  apply.immediate();
}

/** The part of a pg client the PostgreSQL migration runner uses. */
export interface PostgresMigrationClient {
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Creates `schema` and applies pending migrations to it, on a client already inside a
 * transaction. Takes the advisory lock `lock` (PostgreSQL's two-int form) first: processes
 * starting together queue on the lock, and the later ones find nothing to do (DDL is
 * transactional in PostgreSQL, so a failed migration leaves nothing behind).
 */
export async function runPostgresMigrations(
  client: PostgresMigrationClient,
  schema: string,
  lock: readonly [classId: number, key: number],
  migrations: readonly Migration<PostgresMigrationClient>[],
): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lock[0], lock[1]]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await client.query(`SET LOCAL search_path TO "${schema}"`);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query('SELECT version FROM schema_migrations');
  const applied = decodeOrThrow(AppliedRows, rows, 'schema_migrations rows');
  for (const migration of pendingMigrations(
    migrations,
    applied.map((row) => row.version),
  )) {
    await client.query(migration.sql);
    await migration.backfill?.(client);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ]);
  }
}
