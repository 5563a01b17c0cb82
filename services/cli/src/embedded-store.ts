import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@rebate/event-store';
import { createSqliteEventStore } from '@rebate/event-store-sqlite';

/** The embedded default: SQLite in a data folder, or a throw-away one for a simulation. */
export const openEmbeddedStore = async (dataDir?: string): Promise<EventStore> =>
  createSqliteEventStore({
    filename: join(dataDir ?? mkdtempSync(join(tmpdir(), 'rebate-simulate-')), 'events.sqlite'),
  });
