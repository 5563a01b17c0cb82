/** What the chain covers, payloads as JSON text (see `decodeChainRow`). */
export const CHAIN_COLUMNS = `position::text AS position, stream_id, revision, type,
  data::text AS data, metadata::text AS metadata, chain_hash`;

/**
 * The store's SQL for one schema (a validated identifier, so splicing it in is safe). Positions
 * and payloads leave as text: pg hands int8 over as strings anyway, and JSON text lets the
 * shared row decoder report bad payloads as EventDecodingError.
 */
export function sqlFor(schema: string) {
  const events = `"${schema}".events`;
  const streams = `"${schema}".streams`;
  // Output names equal column names, so ORDER BY must name the table's columns explicitly
  // (events.position), or it would sort by the text alias.
  const columns = `position::text AS position, stream_id, revision, event_id::text AS event_id,
    type, data::text AS data, metadata::text AS metadata,
    to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;
  return {
    // The touched streams' revisions and the chain's head hash (what the first new event
    // follows) in one round trip: always one row at least, stream columns NULL when none exist.
    // A statement after the append lock, so it sees every committed append.
    streamRevisionsAndHead: `SELECT head.chain_hash AS head_hash, s.stream_id, s.revision
      FROM (SELECT (SELECT chain_hash FROM ${events} ORDER BY position DESC LIMIT 1)
              AS chain_hash) AS head
      LEFT JOIN ${streams} AS s ON s.stream_id = ANY($1::text[])`,
    storedEvents: `SELECT ${columns} FROM ${events} WHERE event_id = ANY($1::uuid[])`,
    // ORDER BY ord: identity values are drawn in row order, so positions follow call order.
    // Stored ids are skipped, not errors: the caller sees fewer rows and plans a replay.
    // recorded_at is clock_timestamp(), read after the append lock, not the column's default
    // now() (the transaction's start, before the lock): so recorded_at never decreases with
    // the position, and an answer "as of T" (events recorded at or before T) never changes
    // once T has passed.
    insertEvents: `INSERT INTO ${events}
        (stream_id, revision, event_id, type, data, metadata, chain_hash, recorded_at)
      SELECT stream_id, revision, event_id, type, data::jsonb, metadata::jsonb, chain_hash,
        clock_timestamp()
      FROM unnest($1::text[], $2::integer[], $3::uuid[], $4::text[], $5::text[], $6::text[],
          $7::text[])
        WITH ORDINALITY AS row(stream_id, revision, event_id, type, data, metadata, chain_hash, ord)
      ORDER BY ord
      ON CONFLICT (event_id) DO NOTHING
      RETURNING stream_id, revision, position::text AS position`,
    // NOTIFY inside the transaction is delivered on commit, never for a rolled-back append.
    upsertStreamsAndNotify: `WITH upserted AS (
        INSERT INTO ${streams} (stream_id, revision)
        SELECT * FROM unnest($1::text[], $2::integer[])
        ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
        RETURNING 1)
      SELECT pg_notify($3, $4)`,
    readForwards: `SELECT ${columns} FROM ${events}
      WHERE stream_id = $1 AND revision >= $2 ORDER BY events.revision LIMIT $3`,
    readBackwards: `SELECT ${columns} FROM ${events}
      WHERE stream_id = $1 AND revision <= $2 ORDER BY events.revision DESC LIMIT $3`,
    readStreams: `SELECT ${columns} FROM ${events}
      WHERE stream_id = ANY($1::text[]) ORDER BY events.stream_id, events.revision`,
    // Unnamed statements are planned with the actual parameters, so an absent filter
    // (NULL) costs nothing. starts_with: literal, case-sensitive prefixes.
    readAll: `SELECT ${columns} FROM ${events}
      WHERE position > $1
        AND ($2::text[] IS NULL OR type = ANY($2::text[]))
        AND ($3::text[] IS NULL OR EXISTS (
          SELECT 1 FROM unnest($3::text[]) AS prefix WHERE starts_with(stream_id, prefix)))
      ORDER BY events.position LIMIT $4`,
    chainLinks: `SELECT ${CHAIN_COLUMNS} FROM ${events}
      WHERE position > $1 ORDER BY events.position LIMIT $2`,
    headPosition: `SELECT max(position)::text AS position FROM ${events}`,
    notifyChannel: `${schema}_events`,
  };
}

export type Sql = ReturnType<typeof sqlFor>;
