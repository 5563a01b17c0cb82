import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ContractHarness, describeEventStoreContract } from '@rebate/event-store/contract';
import { openSqliteEventStore } from '../src';

/** Writes JSON no parser accepts, past the CHECK constraint, as disk corruption would. */
function corruptEvent(path: string, position: bigint): void {
  const db = new Database(path);
  try {
    db.pragma('ignore_check_constraints = ON');
    db.prepare(`UPDATE events SET data = '{"broken' WHERE position = ?`).run(position);
  } finally {
    db.close();
  }
}

const harness: ContractHarness = {
  atomicAppendMany: true,
  checksReplayPayload: true,
  globalEventIds: true,
  childEntry: {
    modulePath: resolve(__dirname, '../src/index.ts'),
    exportName: 'openSqliteEventStoreFromConfig',
  },
  async createStore() {
    const directory = mkdtempSync(join(tmpdir(), 'rebate-sqlite-contract-'));
    const path = join(directory, 'events.sqlite');
    const pollIntervalMs = 20;
    const store = openSqliteEventStore({ path, pollIntervalMs });
    return {
      store,
      childConfig: { path, pollIntervalMs },
      rowsFetched: () => store.diagnostics().rowsFetched,
      corruptEvent: async (position) => corruptEvent(path, position),
      dispose: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
};

describeEventStoreContract('SQLite', harness);
