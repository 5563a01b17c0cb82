import type { Pool } from 'pg';
import { LOCK_CLASSES, inTransaction, lockKey, runPostgresMigrations } from '@rebate/sql';
import { MIGRATIONS } from './migrations';

/**
 * Creates the schema and applies pending migrations in one transaction under an advisory lock:
 * processes starting together queue on the lock and the later ones find nothing to do.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, (client) =>
    runPostgresMigrations(
      client,
      schema,
      [LOCK_CLASSES.readModelMigration, lockKey(schema)],
      MIGRATIONS,
    ),
  );
}
