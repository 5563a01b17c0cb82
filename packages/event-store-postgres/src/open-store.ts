import { Pool } from 'pg';
import { migrate } from './migrate';
import { type PostgresEventStoreOptions, resolveOptions } from './options';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Connects, creates the schema and applies pending migrations (safe when several processes
 * start at once), and returns the store. `options` is validated, so a JSON config can be
 * passed as is (TypeError when invalid).
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  return openPostgresEventStoreFromConfig(options);
}

/** `createPostgresEventStore` for untyped input (a config file, a parent process). */
export async function openPostgresEventStoreFromConfig(
  config: unknown,
): Promise<PostgresEventStore> {
  const resolved = resolveOptions(config);
  const pool = new Pool({ connectionString: resolved.connectionString, max: resolved.poolSize });
  // An idle client that loses its connection is dropped by the pool; without a listener the
  // 'error' event would crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, resolved.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresEventStore(pool, resolved);
}
