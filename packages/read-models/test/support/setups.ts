import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { type ReadModelStorage, openPostgresReadModels, openSqliteReadModels } from '../../src';

/**
 * The two real databases every read-model test runs on. SQLite: in memory unless a file is
 * asked for. PostgreSQL: a fresh schema per store and per read-model storage, dropped after.
 */

export interface Setup {
  readonly name: 'sqlite' | 'postgres';
  openStore(): Promise<EventStore>;
  openStorage(options?: { file?: boolean; leaseMs?: number }): Promise<ReadModelStorage>;
  /** A second connection (another "process") to the storage opened last; SQLite: a file one. */
  reopenStorage(options?: { leaseMs?: number }): Promise<ReadModelStorage>;
  /** What a child process needs to open the same store and storage (JSON). */
  readonly opened: OpenedLocation[];
  cleanup(): Promise<void>;
}

export type OpenedLocation =
  | { readonly kind: 'sqlite-store' | 'sqlite-storage'; readonly path: string }
  | {
      readonly kind: 'postgres-store' | 'postgres-storage';
      readonly url: string;
      readonly schema: string;
    };

/** The PostgreSQL tests need a server; without one they fail (never skip), saying what to set. */
export const requireDatabaseUrl = (): string => {
  const url = process.env['DATABASE_URL'];
  if (url === undefined || url === '') {
    throw new Error(
      'DATABASE_URL is not set: the PostgreSQL read-model tests need a database in which they ' +
        'may create and drop schemas, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  return url;
};

const freshSchema = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export const sqliteSetup = (): Setup => {
  const opened: OpenedLocation[] = [];
  let folder: string | undefined;
  const file = (name: string): string => {
    folder ??= mkdtempSync(join(tmpdir(), 'read-models-'));
    return join(folder, `${name}-${randomBytes(4).toString('hex')}.sqlite`);
  };
  return {
    name: 'sqlite',
    opened,
    openStore: async () => {
      const path = file('events');
      opened.push({ kind: 'sqlite-store', path });
      return openSqliteEventStore({ path, pollIntervalMs: 20 });
    },
    openStorage: async (options = {}) => {
      const path = options.file === true ? file('readmodels') : ':memory:';
      opened.push({ kind: 'sqlite-storage', path });
      return openSqliteReadModels({
        path,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      });
    },
    reopenStorage: async (options = {}) => {
      const last = opened.filter((o) => o.kind === 'sqlite-storage').pop();
      if (last?.kind !== 'sqlite-storage' || last.path === ':memory:') {
        throw new Error('open a file storage first');
      }
      return openSqliteReadModels({
        path: last.path,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      });
    },
    cleanup: async () => {
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    },
  };
};

export const postgresSetup = (): Setup => {
  const opened: OpenedLocation[] = [];
  const schemas: string[] = [];
  return {
    name: 'postgres',
    opened,
    openStore: async () => {
      const url = requireDatabaseUrl();
      const schema = freshSchema('rm_es_test');
      schemas.push(schema);
      opened.push({ kind: 'postgres-store', url, schema });
      return createPostgresEventStore({ connectionString: url, schema, pollIntervalMs: 50 });
    },
    openStorage: async () => {
      const url = requireDatabaseUrl();
      const schema = freshSchema('rm_test');
      schemas.push(schema);
      opened.push({ kind: 'postgres-storage', url, schema });
      return openPostgresReadModels({ connectionString: url, schema });
    },
    reopenStorage: async () => {
      const last = opened.filter((o) => o.kind === 'postgres-storage').pop();
      if (last?.kind !== 'postgres-storage') throw new Error('open a storage first');
      return openPostgresReadModels({ connectionString: last.url, schema: last.schema });
    },
    cleanup: async () => {
      if (schemas.length === 0) return;
      const client = new Client({ connectionString: requireDatabaseUrl() });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        }
      } finally {
        await client.end();
      }
    },
  };
};

export const SETUPS: readonly [string, () => Setup][] = [
  ['sqlite', sqliteSetup],
  ['postgres', postgresSetup],
];

/** The read-model config a child process opens the storage of `location` with. */
export const storageConfig = (location: OpenedLocation) =>
  location.kind === 'sqlite-storage'
    ? { kind: 'sqlite', path: location.path, leaseMs: 300 }
    : location.kind === 'postgres-storage'
      ? { kind: 'postgres', connectionString: location.url, schema: location.schema }
      : undefined;
