import type { Migration } from '@rebate/sql';

export const initial: Migration = {
  version: 1,
  name: '0001-initial',
  sql: `
    -- The current revision of every stream: one indexed lookup for expected-revision checks.
    CREATE TABLE streams (
      stream_id TEXT NOT NULL PRIMARY KEY,
      revision INTEGER NOT NULL CHECK (revision >= 0)
    ) WITHOUT ROWID;

    -- AUTOINCREMENT, not a plain rowid: a position is never reused, even for a deleted last row.
    CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 0),
      event_id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data)),
      metadata TEXT NOT NULL CHECK (json_valid(metadata)),
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    );

    -- Filtered readAll by type; the rowid (position) is the index's implicit last column.
    CREATE INDEX events_by_type ON events (type);
  `,
};
