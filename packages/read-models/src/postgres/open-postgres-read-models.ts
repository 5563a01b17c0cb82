import { Pool } from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import * as t from 'io-ts';
import { decodeOrThrow } from '@rebate/event-store';
import { migrate } from './migrate';
import { PostgresReadModelStorage } from './postgres-storage';
import type { ReadModelsDatabase } from '../storage/read-models-database';

export interface PostgresReadModelOptions {
  readonly connectionString: string;
  /** Schema of the read-model tables, created if missing. Default 'read_models'. */
  readonly schema?: string;
  /** Connections in the pool (projection transactions and queries). Default 10. */
  readonly poolSize?: number;
}

/** Schema names are spliced into SQL, so only plain lower-case identifiers are allowed. */
const SchemaName = t.refinement(t.string, (s) => /^[a-z_][a-z0-9_]{0,47}$/.test(s), 'SchemaName');
const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0, 'PositiveInt');

export const PostgresReadModelConfig = t.intersection([
  t.type({ connectionString: t.string }),
  t.partial({ schema: SchemaName, poolSize: PositiveInt }),
]);

/** Connects, creates the schema and applies pending migrations (safe when several start at once). */
export const openPostgresReadModels = async (
  options: PostgresReadModelOptions,
): Promise<PostgresReadModelStorage> => {
  const valid = decodeOrThrow(PostgresReadModelConfig, options, 'PostgreSQL read-model options');
  const schema = valid.schema ?? 'read_models';
  const pool = new Pool({ connectionString: valid.connectionString, max: valid.poolSize ?? 10 });
  // An idle client that loses its connection is dropped by the pool; without a listener the
  // 'error' event would crash the process.
  pool.on('error', () => undefined);
  // Nor for a checked-out one (Kysely adds no listener): the query in flight fails with the
  // error, and the pool drops the broken client when it comes back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<ReadModelsDatabase>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  }).withSchema(schema);
  return new PostgresReadModelStorage(pool, db, valid.connectionString, schema);
};
