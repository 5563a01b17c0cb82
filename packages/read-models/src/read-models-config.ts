import * as t from 'io-ts';
import { join, resolve } from 'node:path';
import { decodeOrThrow } from '@rebate/event-store';
import {
  PostgresReadModelConfig,
  openPostgresReadModels,
} from './postgres/open-postgres-read-models';
import { openSqliteReadModels } from './sqlite/open-sqlite-read-models';
import type { ReadModelStorage } from './storage/port';

/** Where the read models live. */
export const ReadModelsConfig = t.union([
  t.intersection([
    t.type({ kind: t.literal('sqlite'), path: t.string }),
    t.partial({ busyTimeoutMs: t.number, leaseMs: t.number }),
  ]),
  t.intersection([t.type({ kind: t.literal('postgres') }), PostgresReadModelConfig]),
]);
export type ReadModelsConfig = t.TypeOf<typeof ReadModelsConfig>;

export const SQLITE_READ_MODELS_FILE = 'readmodels.sqlite';

/**
 * The read models beside the event store: PostgreSQL store, the same database (schema
 * `read_models` unless given); SQLite store, `readmodels.sqlite` in the data folder. EventStoreDB
 * has no tables: PostgreSQL when a DATABASE_URL is given, else SQLite in the data folder.
 */
export const readModelsConfigFor = (settings: {
  readonly eventStore: 'sqlite' | 'postgres' | 'esdb';
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly schema?: string | undefined;
}): ReadModelsConfig => {
  const { eventStore, dataDir, databaseUrl, schema } = settings;
  if (eventStore === 'postgres' && databaseUrl === undefined) {
    throw new TypeError('DATABASE_URL must be set when EVENT_STORE=postgres');
  }
  if (eventStore !== 'sqlite' && databaseUrl !== undefined) {
    return {
      kind: 'postgres',
      connectionString: databaseUrl,
      ...(schema === undefined ? {} : { schema }),
    };
  }
  return { kind: 'sqlite', path: join(resolve(dataDir), SQLITE_READ_MODELS_FILE) };
};

/** Opens (creating and migrating) the configured storage. `config` is decoded first. */
export const openReadModelStorage = async (config: unknown): Promise<ReadModelStorage> => {
  const valid = decodeOrThrow(ReadModelsConfig, config, 'read-model config');
  return valid.kind === 'sqlite' ? openSqliteReadModels(valid) : openPostgresReadModels(valid);
};
