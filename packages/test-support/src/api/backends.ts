import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { EventStore } from '@rebate/event-store';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import {
  type ReadModelStorage,
  openPostgresReadModels,
  openSqliteReadModels,
} from '@rebate/read-models';

/**
 * The two real databases the API is tested on. SQLite: store and read models in memory.
 * PostgreSQL: a fresh schema for each, dropped afterwards.
 */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<OpenedBackend>;
}

export interface OpenedBackend {
  readonly store: EventStore;
  readonly storage: ReadModelStorage;
  /** PostgreSQL: the schemas of the store and the read models. */
  readonly schemas?: { readonly store: string; readonly readModels: string };
  /** Closes both and drops what was created. */
  close(): Promise<void>;
}

/** The PostgreSQL tests need a server: without one they fail (never skip), saying what to set. */
export const requireDatabaseUrl = (): string => {
  const url = process.env['DATABASE_URL'];
  if (url === undefined || url === '') {
    throw new Error(
      'DATABASE_URL is not set: the API tests run against PostgreSQL too and need a database ' +
        'in which they may create and drop schemas, e.g. ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  return url;
};

export const sqliteBackend: Backend = {
  name: 'sqlite',
  open: async () => {
    const store = openSqliteEventStore({ path: ':memory:', pollIntervalMs: 20 });
    const storage = openSqliteReadModels({ path: ':memory:' });
    return {
      store,
      storage,
      close: async () => {
        await storage.close();
        await store.close();
      },
    };
  },
};

const dropSchemas = async (url: string, schemas: readonly string[]): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

export const postgresBackend: Backend = {
  name: 'postgres',
  open: async () => {
    const url = requireDatabaseUrl();
    const suffix = randomBytes(5).toString('hex');
    const [storeSchema, readSchema] = [`api_es_${suffix}`, `api_rm_${suffix}`];
    const store = await createPostgresEventStore({
      connectionString: url,
      schema: storeSchema,
      poolSize: 5,
      pollIntervalMs: 50,
    });
    const storage = await openPostgresReadModels({
      connectionString: url,
      schema: readSchema,
      poolSize: 5,
    });
    return {
      store,
      storage,
      schemas: { store: storeSchema, readModels: readSchema },
      close: async () => {
        await storage.close();
        await store.close();
        await dropSchemas(url, [storeSchema, readSchema]);
      },
    };
  },
};

export const backends: readonly Backend[] = [sqliteBackend, postgresBackend];
