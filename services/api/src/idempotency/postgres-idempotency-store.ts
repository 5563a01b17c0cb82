import { inTransaction } from '@rebate/event-store-postgres';
import { Pool } from 'pg';
import type { IdempotencyStore, LineRejection } from './idempotency-store';
import { parseStored, type StoredKeyRow } from './stored-rows';

/** Versioned migrations of the idempotency tables in their schema; applied in order, once. */
const migrations = (schema: string): readonly string[] => [
  `CREATE TABLE "${schema}".idempotency_keys (
     key text PRIMARY KEY,
     request_hash text NOT NULL,
     scan_from text,
     through_line integer NOT NULL DEFAULT 0,
     accepted integer NOT NULL DEFAULT 0,
     duplicates integer NOT NULL DEFAULT 0,
     position text,
     reply text,
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE "${schema}".idempotency_rejections (
     key text NOT NULL,
     line integer NOT NULL,
     code text NOT NULL,
     reason text NOT NULL,
     PRIMARY KEY (key, line)
   );`,
];

/** Distinct from the store's and the read models' advisory lock classes. */
const MIGRATION_LOCK = 0x41500001;

const migrate = (pool: Pool, schema: string): Promise<void> =>
  inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".idempotency_migrations (version integer PRIMARY KEY)`,
    );
    const { rows } = await client.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM "${schema}".idempotency_migrations`,
    );
    const all = migrations(schema);
    for (let version = (rows[0]?.v ?? 0) + 1; version <= all.length; version += 1) {
      await client.query(all[version - 1] as string);
      await client.query(`INSERT INTO "${schema}".idempotency_migrations VALUES ($1)`, [version]);
    }
  });

export interface PostgresIdempotencyOptions {
  readonly connectionString: string;
  /** Plain lower-case identifier; created if missing. */
  readonly schema: string;
  readonly poolSize?: number;
}

export const openPostgresIdempotencyStore = async (
  options: PostgresIdempotencyOptions,
): Promise<IdempotencyStore> => {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(options.schema)) {
    throw new TypeError(`idempotency schema ${options.schema} is not a plain identifier`);
  }
  const s = `"${options.schema}"`;
  const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4 });
  // An idle client that loses its connection is dropped by the pool; never an uncaught error.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, options.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    async claim(key, requestHash, scanFrom) {
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO ${s}.idempotency_keys (key, request_hash, scan_from) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO NOTHING`,
          [key, requestHash, scanFrom === undefined ? null : scanFrom.toString()],
        );
        if (inserted.rowCount === 1) return { created: true } as const;
        const { rows } = await client.query<StoredKeyRow>(
          `SELECT * FROM ${s}.idempotency_keys WHERE key = $1`,
          [key],
        );
        const rejected = await client.query<LineRejection>(
          `SELECT line, code, reason FROM ${s}.idempotency_rejections WHERE key = $1 ORDER BY line`,
          [key],
        );
        return { created: false, record: parseStored(rows[0] as StoredKeyRow, rejected.rows) };
      });
    },
    async saveProgress(key, p, rejected) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `UPDATE ${s}.idempotency_keys SET through_line = $2, accepted = $3, duplicates = $4,
           position = $5 WHERE key = $1`,
          [key, p.throughLine, p.accepted, p.duplicates, p.position],
        );
        if (rejected.length === 0) return;
        await client.query(
          `INSERT INTO ${s}.idempotency_rejections (key, line, code, reason)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])
           ON CONFLICT (key, line) DO NOTHING`,
          [
            key,
            rejected.map((r) => r.line),
            rejected.map((r) => r.code),
            rejected.map((r) => r.reason),
          ],
        );
      });
    },
    async saveReply(key, reply) {
      await pool.query(`UPDATE ${s}.idempotency_keys SET reply = $2 WHERE key = $1`, [
        key,
        JSON.stringify(reply),
      ]);
    },
    close: () => pool.end(),
  };
};
