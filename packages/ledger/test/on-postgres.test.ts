import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import type { EventStore } from '@rebate/event-store';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { runScenario } from '../src';
import { propertySeed, scenarioLines } from '@rebate/test-support';
import { comparable, projectedOnto, withStore } from './support';

/** The ledger runs unchanged on the production store and gives the embedded store's numbers. */

const databaseUrl = (): string => {
  const url = process.env['DATABASE_URL'];
  if (!url)
    throw new Error('DATABASE_URL is not set: e.g. postgres://postgres@127.0.0.1:5432/postgres');
  return url;
};

const withPostgresStore = async <T>(use: (store: EventStore) => Promise<T>): Promise<T> => {
  const schema = `ledger_test_${randomBytes(6).toString('hex')}`;
  const store = await createPostgresEventStore({ connectionString: databaseUrl(), schema });
  try {
    return await use(store);
  } finally {
    await store.close();
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
};

describe('the ledger on PostgreSQL', () => {
  test('the rules example gives the expected document', async () => {
    const examples = join(__dirname, '../../../examples');
    const lines = readFileSync(join(examples, 'spec-example.ndjson'), 'utf8').split('\n');
    const expected = JSON.parse(readFileSync(join(examples, 'spec-example.expected.json'), 'utf8'));
    const report = await withPostgresStore((store) =>
      runScenario(lines, store, { tradeBatchSize: 7 }),
    );
    const { rejected: _r, ...expectedRest } = expected;
    expect(comparable(projectedOnto(expectedRest, report))).toEqual(comparable(expectedRest));
    expect(report.rejected.map((r) => r.line)).toEqual(
      (expected.rejected as { line: number }[]).map((r) => r.line),
    );
  });

  test('random scenarios give the same report on PostgreSQL as on SQLite', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        const text = lines.map((line) => JSON.stringify(line));
        const embedded = await withStore((store) => runScenario(text, store));
        const production = await withPostgresStore((store) =>
          runScenario(text, store, { tradeBatchSize: 10 }),
        );
        expect(production).toEqual(embedded);
      }),
      { seed: propertySeed('postgres equals sqlite'), numRuns: 8 },
    );
  });
});
