import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * The PostgreSQL tests need a server; they fail (never skip) without one, saying what to set.
 */
export function requireDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (url === undefined || url === '') {
    throw new Error(
      'DATABASE_URL is not set: the PostgreSQL event-store tests need a database in which ' +
        'they may create and drop schemas, e.g. ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  return url;
}

/** A schema name no other test uses; each test drops its own. */
export function freshSchemaName(): string {
  return `es_test_${randomBytes(6).toString('hex')}`;
}

/** Runs one statement on a short-lived connection outside any store. */
export async function runSql<R extends object = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await runSql(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
