import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EventStore } from '@rebate/event-store';
import { openEventStore, storeConfigFromEnv } from '@rebate/runtime';

/**
 * A fresh, empty store for one test, described as the service's environment variables:
 * PostgreSQL (a schema of its own) when DATABASE_URL is set, else SQLite in a temp dir.
 */
export interface TestStore {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  /** Opens the same store the service writes (for checking what it wrote). */
  open(): Promise<EventStore>;
  dispose(): Promise<void>;
}

const dropSchema = async (url: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

export const freshTestStore = (): TestStore => {
  const url = process.env['DATABASE_URL'];
  if (url) {
    const schema = `ingest_test_${randomBytes(5).toString('hex')}`;
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema };
    return {
      label: `postgres schema ${schema}`,
      env,
      open: () => openEventStore(storeConfigFromEnv(env)),
      dispose: () => dropSchema(url, schema),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  const env = { EVENT_STORE: 'sqlite', DATA_DIR: dir };
  return {
    label: `sqlite ${dir}`,
    env,
    open: () => openEventStore(storeConfigFromEnv(env)),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};
