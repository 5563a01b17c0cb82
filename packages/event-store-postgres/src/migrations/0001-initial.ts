import type { Migration } from '@rebate/sql';

/** Runs with search_path set to the store's schema, so names are unqualified. */
export const initial: Migration = {
  version: 1,
  name: '0001-initial',
  sql: `
    -- The current revision of every stream: one indexed lookup for expected-revision checks.
    CREATE TABLE streams (
      stream_id text PRIMARY KEY,
      revision integer NOT NULL CHECK (revision >= 0)
    );

    -- position: identity in commit order (see the append lock); never reused.
    -- UNIQUE (stream_id, revision) is the index stream reads walk in both directions;
    -- UNIQUE (event_id) makes ids global idempotency keys.
    CREATE TABLE events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream_id text NOT NULL,
      revision integer NOT NULL CHECK (revision >= 0),
      event_id uuid NOT NULL UNIQUE,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, revision)
    );

    -- readAll filtered by event type, still in position order.
    CREATE INDEX events_by_type ON events (type, position);
  `,
};
