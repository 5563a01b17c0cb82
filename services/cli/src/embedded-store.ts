import { join } from 'node:path';
import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';

/**
 * The embedded default: SQLite. A simulation starts from an empty ledger, in memory unless a
 * data folder is given (then the events stay there for inspection or an audit).
 */
export const openEmbeddedStore = (dataDir?: string): EventStore =>
  openSqliteEventStore({ path: dataDir ? join(dataDir, 'events.sqlite') : ':memory:' });
