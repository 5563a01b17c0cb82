import { resolve } from 'node:path';
import { type ContractHarness, describeEventStoreContract } from '@rebate/event-store/contract';
import { createPostgresEventStore } from '../src';
import { dropSchema, freshSchemaName, requireDatabaseUrl, runSql } from './database';

const databaseUrl = requireDatabaseUrl();

const harness: ContractHarness = {
  atomicAppendMany: true,
  checksReplayPayload: true,
  globalEventIds: true,
  childEntry: {
    modulePath: resolve(__dirname, '../src/index.ts'),
    exportName: 'openPostgresEventStoreFromConfig',
  },
  async createStore() {
    const schema = freshSchemaName();
    // 8 concurrent writers + reads must run on separate connections, truly in parallel.
    const config = { connectionString: databaseUrl, schema, poolSize: 12, pollIntervalMs: 200 };
    const store = await createPostgresEventStore(config);
    return {
      store,
      childConfig: { ...config, poolSize: 2 },
      rowsFetched: () => store.diagnostics().rowsFetched,
      // jsonb only holds valid JSON, so corrupt what the adapter validates: the metadata shape.
      corruptEvent: async (position) => {
        await runSql(
          databaseUrl,
          `UPDATE "${schema}".events SET metadata = '"not an object"' WHERE position = $1`,
          [position.toString()],
        );
      },
      dispose: async () => {
        await store.close();
        await dropSchema(databaseUrl, schema);
      },
    };
  },
};

describeEventStoreContract('PostgreSQL', harness);
