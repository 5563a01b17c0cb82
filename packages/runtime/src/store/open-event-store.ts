import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '@rebate/event-store';
import type { StoreConfig } from '../config/store-config';

/**
 * Opens the configured adapter. Each adapter is loaded only when chosen, so a SQLite service
 * never loads the PostgreSQL or gRPC clients.
 */
export const openEventStore = async (config: StoreConfig): Promise<EventStore> => {
  switch (config.kind) {
    case 'sqlite': {
      mkdirSync(dirname(config.path), { recursive: true });
      const { openSqliteEventStore } = await import('@rebate/event-store-sqlite');
      return openSqliteEventStore({ path: config.path });
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('@rebate/event-store-postgres');
      return createPostgresEventStore({
        connectionString: config.connectionString,
        ...(config.schema === undefined ? {} : { schema: config.schema }),
        ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }),
      });
    }
    case 'esdb': {
      const { createEsdbEventStore } = await import('@rebate/event-store-esdb');
      return createEsdbEventStore({
        connectionString: config.connectionString,
        ...(config.namespace === undefined ? {} : { namespace: config.namespace }),
        ...(config.sealIntervalMs === undefined ? {} : { sealIntervalMs: config.sealIntervalMs }),
      });
    }
  }
};
