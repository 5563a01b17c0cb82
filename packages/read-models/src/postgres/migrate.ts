import type { Pool } from 'pg';
import * as t from 'io-ts';
import { SafeIntegerFromDb, decodeOrThrow, pendingMigrations } from '@rebate/event-store';
import { MIGRATIONS } from './migrations';
import { MIGRATION_LOCK, lockKey } from './locks';
import { inTransaction } from './transaction';

const AppliedRows = t.array(t.type({ version: SafeIntegerFromDb }));

/**
 * Creates the schema and applies pending migrations in one transaction under an advisory lock:
 * processes starting together queue on the lock and the later ones find nothing to do.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK, lockKey(schema)]);
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
      MIGRATIONS,
      applied.map((row) => row.version),
    )) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
}
