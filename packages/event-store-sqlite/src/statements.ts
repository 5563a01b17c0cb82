import type { Database, Statement } from 'better-sqlite3';
import { CHAIN_COLUMNS } from '@rebate/sql';

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * Every statement the store runs. Lists travel as JSON arrays through json_each, so one
 * statement serves any number of ids, streams, types or prefixes.
 */
const SQL = {
  streamRevisions:
    'SELECT stream_id, revision FROM streams WHERE stream_id IN (SELECT value FROM json_each(?))',
  storedEvents: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE event_id IN (SELECT value FROM json_each(?))`,
  insertEvent: `INSERT INTO events
      (stream_id, revision, event_id, type, data, metadata, recorded_at, chain_hash)
    VALUES (@streamId, @revision, @eventId, @type, @data, @metadata, @recordedAt, @chainHash)`,
  // The chain's head: the hash the next append's first event follows (rowid order: one step).
  lastChainHash: 'SELECT chain_hash FROM events ORDER BY position DESC LIMIT 1',
  chainLinks: `SELECT ${CHAIN_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  upsertStream: `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
    ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
  readForwards: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  readBackwards: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  readStreams: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision`,
  // Prefixes compare with substr, not LIKE: literal (no wildcards) and case-sensitive.
  readAll: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE position > @after
      AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
      AND (@prefixes IS NULL OR EXISTS (
        SELECT 1 FROM json_each(@prefixes) AS prefix
        WHERE substr(events.stream_id, 1, length(prefix.value)) = prefix.value))
    ORDER BY position LIMIT @limit`,
  headPosition: 'SELECT max(position) AS position FROM events',
} as const;

export type Statements = { readonly [Name in keyof typeof SQL]: Statement };

/** Prepares every statement once per connection: preparing dominates a single-event append. */
export function prepareStatements(db: Database): Statements {
  const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]);
  return Object.fromEntries(entries) as Statements;
}
