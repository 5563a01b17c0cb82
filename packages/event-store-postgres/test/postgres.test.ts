import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { verifyChain } from '@rebate/event-store';
import { ChildStore } from '@rebate/event-store/contract';
import { createPostgresEventStore } from '../src';
import { sqlFor } from '../src/sql';
import { dropSchema, freshSchemaName, requireDatabaseUrl, runSql } from './database';

const databaseUrl = requireDatabaseUrl();
const childEntry = {
  modulePath: resolve(__dirname, '../src/index.ts'),
  exportName: 'openPostgresEventStoreFromConfig',
};
const ALL_MIGRATIONS = [
  { version: 1, name: '0001-initial' },
  { version: 2, name: '0002-event-chain' },
];
const event = (index: number) => ({
  eventId: randomUUID(),
  type: 'Tested',
  data: { index },
  metadata: { schemaVersion: 1 },
});

describe('PostgreSQL adapter', () => {
  const schemas: string[] = [];
  const freshOptions = () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    return { connectionString: databaseUrl, schema, poolSize: 2 };
  };
  const appliedMigrations = (schema: string) =>
    runSql(databaseUrl, `SELECT version, name FROM "${schema}".schema_migrations ORDER BY 1`);

  afterEach(async () => {
    await Promise.all(schemas.splice(0).map((schema) => dropSchema(databaseUrl, schema)));
  });

  it('applies each migration once, however often the store is opened', async () => {
    const options = freshOptions();
    for (let open = 0; open < 3; open += 1) await (await createPostgresEventStore(options)).close();
    expect(await appliedMigrations(options.schema)).toEqual(ALL_MIGRATIONS);
  });

  it('migrates once when three pools and two processes open a new schema together', async () => {
    const options = freshOptions();
    const [stores, children] = await Promise.all([
      Promise.all([1, 2, 3].map(() => createPostgresEventStore(options))),
      Promise.all([1, 2].map(() => ChildStore.start(childEntry, options))),
    ]);
    try {
      expect(await appliedMigrations(options.schema)).toEqual(ALL_MIGRATIONS);
      const written = event(1);
      const outcome = await children[0]?.append('s', [written], 'no_stream');
      expect(outcome).toEqual({ ok: true, value: expect.objectContaining({ nextRevision: 0 }) });
      const [read] = await collectAll(stores[2]?.readStream('s'));
      expect(read?.eventId).toBe(written.eventId);
    } finally {
      await Promise.all([...stores.map((s) => s.close()), ...children.map((c) => c.close())]);
    }
  });

  it('refuses a schema that newer code has migrated', async () => {
    const options = freshOptions();
    await (await createPostgresEventStore(options)).close();
    await runSql(
      databaseUrl,
      `INSERT INTO "${options.schema}".schema_migrations (version, name) VALUES (3, 'future')`,
    );
    await expect(createPostgresEventStore(options)).rejects.toThrow(/unknown to this code/);
  });

  it('gives events stored before the chain existed their hashes, in order, when migrating', async () => {
    const options = freshOptions();
    const store = await createPostgresEventStore(options);
    await store.appendMany([
      { streamId: 'a', events: [event(1), event(2)], expected: 'no_stream' },
      { streamId: 'b', events: [event(3)], expected: 'no_stream' },
    ]);
    await store.append('a', [event(4)], 1);
    const written = await collectAll(store.chain.links());
    await store.close();
    // The schema as version 1 left it.
    await runSql(
      databaseUrl,
      `DELETE FROM "${options.schema}".schema_migrations WHERE version = 2;
       ALTER TABLE "${options.schema}".events DROP COLUMN chain_hash`,
    );
    const migrated = await createPostgresEventStore(options);
    try {
      expect(await appliedMigrations(options.schema)).toEqual(ALL_MIGRATIONS);
      expect(await collectAll(migrated.chain.links())).toEqual(written);
      await migrated.append('b', [event(5)], 0);
      expect(await verifyChain(migrated.chain)).toMatchObject({ ok: true, eventsVerified: 5 });
    } finally {
      await migrated.close();
    }
  });

  it('chains an append in the same six round trips: the head hash comes with the revisions', async () => {
    const store = await createPostgresEventStore(freshOptions());
    try {
      await store.append('s', [event(0)], 'no_stream');
      const query = jest.spyOn(Client.prototype, 'query');
      try {
        await store.appendMany([
          { streamId: 's', events: [event(1), event(2)], expected: 0 },
          { streamId: 't', events: [event(3)], expected: 'no_stream' },
        ]);
        expect(query).toHaveBeenCalledTimes(6); // BEGIN, lock, revisions + head, insert, streams, COMMIT
      } finally {
        query.mockRestore();
      }
      expect(await verifyChain(store.chain)).toMatchObject({ ok: true, eventsVerified: 4 });
    } finally {
      await store.close();
    }
  });

  it('rejects a schema name that is not a plain identifier before connecting', async () => {
    const options = { connectionString: databaseUrl, schema: 'x"; DROP TABLE y; --' };
    await expect(createPostgresEventStore(options)).rejects.toThrow(TypeError);
  });

  it('reads the end of a stream with one backward index scan, sorting nothing', async () => {
    const options = freshOptions();
    const store = await createPostgresEventStore(options);
    try {
      const events = Array.from({ length: 20_000 }, (_, index) => event(index));
      await store.append('long', events, 'no_stream');
      await store.append('other', [event(0)], 'no_stream');
      // Fresh tables have no statistics yet; autovacuum would gather them in production.
      await runSql(databaseUrl, `ANALYZE "${options.schema}".events`);
      const [explained] = await runSql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        databaseUrl,
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sqlFor(options.schema).readBackwards}`,
        ['long', 2_147_483_647, 1],
      );
      const nodes = flatten(explained?.['QUERY PLAN'][0].Plan);
      const scan = nodes.find((node) => node['Node Type'] === 'Index Scan');
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
      expect(scan).toMatchObject({
        'Index Name': 'events_stream_id_revision_key',
        'Scan Direction': 'Backward',
        'Actual Rows': 1,
      });
      // The chain's head hash, read by every append: one step back along the primary key.
      const [head] = await runSql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        databaseUrl,
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sqlFor(options.schema).streamRevisionsAndHead}`,
        [['long']],
      );
      const headNodes = flatten(head?.['QUERY PLAN'][0].Plan);
      expect(headNodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(headNodes).toContainEqual(
        expect.objectContaining({
          'Index Name': 'events_pkey',
          'Scan Direction': 'Backward',
          'Actual Rows': 1,
        }),
      );
    } finally {
      await store.close();
    }
  });

  it('appends 20,000 events over 500 streams in one appendMany', async () => {
    const options = freshOptions();
    const store = await createPostgresEventStore(options);
    try {
      const appends = Array.from({ length: 500 }, (_, stream) => ({
        streamId: `account-${stream}`,
        events: Array.from({ length: 40 }, (_, index) => event(index)),
        expected: 'no_stream' as const,
      }));
      const started = Date.now();
      const results = await store.appendMany(appends);
      console.log(`[postgres] appendMany of 20,000 events: ${Date.now() - started} ms`);
      expect(results.map((r) => r.nextRevision)).toEqual(appends.map(() => 39));
      expect(results[results.length - 1]?.position).toBe(await store.headPosition());
      const [counted] = await runSql<{ count: string }>(
        databaseUrl,
        `SELECT count(*) FROM "${options.schema}".events`,
      );
      expect(counted?.count).toBe('20000');
    } finally {
      await store.close();
    }
  });
});

interface PlanNode {
  readonly 'Node Type': string;
  readonly Plans?: readonly PlanNode[];
  readonly [key: string]: unknown;
}

function flatten(node: PlanNode | undefined): PlanNode[] {
  return node === undefined ? [] : [node, ...(node.Plans ?? []).flatMap(flatten)];
}

async function collectAll<T>(iterable: AsyncIterable<T> | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable ?? []) items.push(item);
  return items;
}
