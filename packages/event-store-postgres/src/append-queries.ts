import type { PoolClient } from 'pg';
import * as t from 'io-ts';
import {
  BigIntFromDb,
  type NewEventRow,
  type RecordedEvent,
  StreamRevisionRow,
  decodeEventRow,
  decodeOrThrow,
} from '@rebate/event-store';
import { APPEND_LOCK, schemaLockKey } from './locks';
import type { Sql } from './sql';

const StreamRevisionRows = t.array(StreamRevisionRow);
const InsertedRows = t.array(
  t.type({ stream_id: t.string, revision: t.number, position: BigIntFromDb }),
);

/** The one statement of the append transaction that every append waits on (see append.ts). */
export async function lockAppends(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [APPEND_LOCK, schemaLockKey(schema)]);
}

export async function readRevisions(
  client: PoolClient,
  sql: Sql,
  streamIds: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await client.query(sql.streamRevisions, [streamIds]);
  const decoded = decodeOrThrow(StreamRevisionRows, rows, 'streams rows');
  return new Map(decoded.map((row) => [row.stream_id, row.revision]));
}

export async function readStoredEvents(
  client: PoolClient,
  sql: Sql,
  eventIds: readonly string[],
): Promise<Map<string, RecordedEvent>> {
  const { rows } = await client.query(sql.storedEvents, [eventIds]);
  const events = rows.map(decodeEventRow);
  return new Map(events.map((event) => [event.eventId, event]));
}

/**
 * Inserts the rows, skipping ids already stored. Returns their positions in row order, or
 * undefined when some row was skipped (the caller rolls back and plans with a lookup).
 */
export async function insertEvents(
  client: PoolClient,
  sql: Sql,
  rows: readonly NewEventRow[],
): Promise<bigint[] | undefined> {
  const column = <K extends keyof NewEventRow>(key: K) => rows.map((row) => row[key]);
  const result = await client.query(sql.insertEvents, [
    column('streamId'),
    column('revision'),
    column('eventId'),
    column('type'),
    column('data'),
    column('metadata'),
  ]);
  const inserted = decodeOrThrow(InsertedRows, result.rows, 'inserted rows');
  if (inserted.length < rows.length) return undefined;
  const positionOf = new Map(inserted.map((r) => [`${r.revision}:${r.stream_id}`, r.position]));
  return rows.map((row) => {
    const position = positionOf.get(`${row.revision}:${row.streamId}`);
    if (position === undefined) throw new Error(`no position for ${row.streamId}@${row.revision}`);
    return position;
  });
}

/** Records the streams' new revisions; the NOTIFY is delivered when the transaction commits. */
export async function updateStreamsAndNotify(
  client: PoolClient,
  sql: Sql,
  updates: ReadonlyMap<string, number>,
  head: bigint,
): Promise<void> {
  await client.query(sql.upsertStreamsAndNotify, [
    [...updates.keys()],
    [...updates.values()],
    sql.notifyChannel,
    head.toString(),
  ]);
}
