import { join, resolve } from 'node:path';
import { integer, oneOf, text } from './env-codecs';
import { type Env, readEnv, required, setting } from './read-env';

/** Which event store a service uses, and how to reach it. */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      readonly schema: string | undefined;
      readonly poolSize: number | undefined;
    }
  | {
      readonly kind: 'esdb';
      readonly connectionString: string;
      readonly namespace: string | undefined;
      /** How often the chain is sealed (tamper evidence across streams); undefined: never. */
      readonly sealIntervalMs?: number;
    };

export const storeEnv = {
  EVENT_STORE: setting(oneOf(['sqlite', 'postgres', 'esdb']), 'sqlite'),
  /** SQLite keeps `events.sqlite` here. */
  DATA_DIR: setting(text, './data'),
  DATABASE_URL: setting(text),
  /** PostgreSQL schema of the store's tables (the adapter's default when unset). */
  DATABASE_SCHEMA: setting(text),
  DATABASE_POOL_SIZE: setting(integer(1, 200)),
  ESDB_CONNECTION_STRING: setting(text),
  /** Prefix of every stream id on the EventStoreDB server. */
  ESDB_NAMESPACE: setting(text),
  /** How often an EventStoreDB store seals its chain (docs/operations.md). */
  ESDB_SEAL_INTERVAL_MS: setting(integer(1000, 86_400_000), 60_000),
};

/** The store settings; the variable the chosen store needs must be set. */
export const storeConfigFromEnv = (env: Env): StoreConfig => {
  const values = readEnv(storeEnv, env);
  switch (values.EVENT_STORE) {
    case 'sqlite':
      return { kind: 'sqlite', path: join(resolve(values.DATA_DIR), 'events.sqlite') };
    case 'postgres':
      return {
        kind: 'postgres',
        connectionString: required(
          values.DATABASE_URL,
          'DATABASE_URL',
          'when EVENT_STORE=postgres',
        ),
        schema: values.DATABASE_SCHEMA,
        poolSize: values.DATABASE_POOL_SIZE,
      };
    case 'esdb':
      return {
        kind: 'esdb',
        connectionString: required(
          values.ESDB_CONNECTION_STRING,
          'ESDB_CONNECTION_STRING',
          'when EVENT_STORE=esdb',
        ),
        namespace: values.ESDB_NAMESPACE,
        sealIntervalMs: values.ESDB_SEAL_INTERVAL_MS,
      };
  }
};

/** Where the store is, for a log line: never the password. */
export const describeStore = (config: StoreConfig): string => {
  switch (config.kind) {
    case 'sqlite':
      return `sqlite ${config.path}`;
    case 'postgres':
      return `postgres ${config.connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}${
        config.schema ? ` schema ${config.schema}` : ''
      }`;
    case 'esdb':
      return `esdb${config.namespace ? ` namespace ${config.namespace}` : ''}`;
  }
};
