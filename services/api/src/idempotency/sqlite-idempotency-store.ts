import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RouteReply } from '../routes/route';
import type { IdempotencyStore, KeyRecord, LineRejection } from './idempotency-store';
import { parseStored, type StoredKeyRow } from './stored-rows';

/** Versioned migrations of the idempotency tables; applied in order, each once. */
const migrations: readonly string[] = [
  `CREATE TABLE idempotency_keys (
     key TEXT PRIMARY KEY,
     request_hash TEXT NOT NULL,
     scan_from TEXT,
     through_line INTEGER NOT NULL DEFAULT 0,
     accepted INTEGER NOT NULL DEFAULT 0,
     duplicates INTEGER NOT NULL DEFAULT 0,
     position TEXT,
     reply TEXT,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE idempotency_rejections (
     key TEXT NOT NULL,
     line INTEGER NOT NULL,
     code TEXT NOT NULL,
     reason TEXT NOT NULL,
     PRIMARY KEY (key, line)
   ) STRICT;`,
];

const migrate = (db: Database.Database): void => {
  db.exec('CREATE TABLE IF NOT EXISTS idempotency_migrations (version INTEGER PRIMARY KEY) STRICT');
  db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS v FROM idempotency_migrations').get() as {
      v: number | null;
    };
    for (let version = (row.v ?? 0) + 1; version <= migrations.length; version += 1) {
      db.exec(migrations[version - 1] as string);
      db.prepare('INSERT INTO idempotency_migrations (version) VALUES (?)').run(version);
    }
  }).immediate();
};

/** The embedded default: `api.sqlite` in the data folder (or `:memory:`), WAL like the store. */
export const openSqliteIdempotencyStore = (path: string): IdempotencyStore => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO idempotency_keys (key, request_hash, scan_from, created_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  const select = db.prepare('SELECT * FROM idempotency_keys WHERE key = ?');
  const selectRejections = db.prepare(
    'SELECT line, code, reason FROM idempotency_rejections WHERE key = ? ORDER BY line',
  );
  const updateProgress = db.prepare(
    `UPDATE idempotency_keys SET through_line = ?, accepted = ?, duplicates = ?, position = ?
     WHERE key = ?`,
  );
  const insertRejection = db.prepare(
    `INSERT INTO idempotency_rejections (key, line, code, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (key, line) DO NOTHING`,
  );
  const updateReply = db.prepare('UPDATE idempotency_keys SET reply = ? WHERE key = ?');

  const claim = db.transaction((key: string, hash: string, scanFrom: string | null) => {
    const created = insert.run(key, hash, scanFrom, new Date().toISOString()).changes === 1;
    if (created) return undefined;
    const row = select.get(key) as StoredKeyRow;
    return parseStored(row, selectRejections.all(key) as LineRejection[]);
  });
  const progress = db.transaction(
    (
      key: string,
      values: [number, number, number, string | null],
      rejected: readonly LineRejection[],
    ) => {
      updateProgress.run(...values, key);
      for (const r of rejected) insertRejection.run(key, r.line, r.code, r.reason);
    },
  );

  return {
    async claim(key, requestHash, scanFrom) {
      const record: KeyRecord | undefined = claim.immediate(
        key,
        requestHash,
        scanFrom === undefined ? null : scanFrom.toString(),
      );
      return record === undefined ? { created: true } : { created: false, record };
    },
    async saveProgress(key, p, rejected) {
      progress.immediate(key, [p.throughLine, p.accepted, p.duplicates, p.position], rejected);
    },
    async saveReply(key, reply: RouteReply) {
      updateReply.run(JSON.stringify(reply), key);
    },
    async close() {
      db.close();
    },
  };
};
