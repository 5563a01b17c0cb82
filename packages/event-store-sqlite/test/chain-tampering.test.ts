import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqlTamper, describeChainTampering } from '@rebate/event-store/contract';
import { openSqliteEventStore } from '../src';

/** Runs raw SQL on the store's file through a connection of its own, as a forger would. */
function onFile(path: string, work: (db: Database.Database) => void): Promise<void> {
  const db = new Database(path);
  try {
    db.transaction(() => work(db))();
  } finally {
    db.close();
  }
  return Promise.resolve();
}

const tamperWith = (path: string): SqlTamper => ({
  editData: (position, data) =>
    onFile(path, (db) => {
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify(data),
        position,
      );
    }),
  deleteEvent: (position) =>
    onFile(path, (db) => {
      db.prepare('DELETE FROM events WHERE position = ?').run(position);
    }),
  insertAfter: (position, row) =>
    onFile(path, (db) => {
      // Two steps so no intermediate position collides with another.
      db.prepare('UPDATE events SET position = -(position + 1) WHERE position > ?').run(position);
      db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
      db.prepare(
        `INSERT INTO events
           (position, stream_id, revision, event_id, type, data, metadata, recorded_at, chain_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        position + 1n,
        row.streamId,
        row.revision,
        row.eventId,
        row.type,
        JSON.stringify(row.data),
        JSON.stringify(row.metadata),
        new Date().toISOString(),
        row.chainHash,
      );
    }),
  swap: (a, b) =>
    onFile(path, (db) => {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1n, a);
      move.run(a, b);
      move.run(b, -1n);
    }),
});

describeChainTampering('SQLite', {
  async createStore() {
    const directory = mkdtempSync(join(tmpdir(), 'rebate-sqlite-chain-'));
    const path = join(directory, 'events.sqlite');
    const store = openSqliteEventStore({ path });
    return {
      store,
      childConfig: { path },
      rowsFetched: () => store.diagnostics().rowsFetched,
      corruptEvent: () => Promise.reject(new Error('not used')),
      dispose: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  tamper: (target) => tamperWith((target.childConfig as { path: string }).path),
});
