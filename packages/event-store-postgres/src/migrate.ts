import type { Pool } from 'pg';
import { LOCK_CLASSES, inTransaction, lockKey, runPostgresMigrations } from '@rebate/sql';
import { MIGRATIONS } from './migrations';

/**
 * Creates the schema and applies pending migrations in one transaction, under an advisory
 * lock: processes starting together queue on the lock, and the later ones find nothing to do
 * (DDL is transactional in PostgreSQL, so a failed migration leaves nothing behind).
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, (client) =>
    runPostgresMigrations(
      client,
      schema,
      [LOCK_CLASSES.storeMigration, lockKey(schema)],
      MIGRATIONS,
    ),
  );
}
