import type { PoolClient } from 'pg';
import * as t from 'io-ts';
import {
  GENESIS_HASH,
  type NewEventRow,
  type RecordedEvent,
  decodeOrThrow,
} from '@rebate/event-store';
import {
  BigIntFromDb,
  LOCK_CLASSES,
  SafeIntegerFromDb,
  decodeEventRow,
  lockKey,
} from '@rebate/sql';
import type { Sql } from './sql';

const RevisionsAndHeadRows = t.array(
  t.type({
    head_hash: t.union([t.string, t.null]),
    stream_id: t.union([t.string, t.null]),
    revision: t.union([SafeIntegerFromDb, t.null]),
  }),
);
const InsertedRows = t.array(
  t.type({ stream_id: t.string, revision: t.number, position: BigIntFromDb }),
);

/** The one statement of the append transaction that every append waits on (see append.ts). */
export async function lockAppends(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
    LOCK_CLASSES.storeAppend,
    lockKey(schema),
  ]);
}

export interface RevisionsAndHead {
  readonly revisions: Map<string, number>;
  /** The last stored event's chain hash: what this append's first event follows. */
  readonly headHash: string;
}

export async function readRevisionsAndHead(
  client: PoolClient,
  sql: Sql,
  streamIds: readonly string[],
): Promise<RevisionsAndHead> {
  const { rows } = await client.query(sql.streamRevisionsAndHead, [streamIds]);
  const decoded = decodeOrThrow(RevisionsAndHeadRows, rows, 'streams rows');
  const revisions = new Map<string, number>();
  for (const row of decoded) {
    if (row.stream_id !== null && row.revision !== null) revisions.set(row.stream_id, row.revision);
  }
  return { revisions, headHash: decoded[0]?.head_hash ?? GENESIS_HASH };
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
  chainHashes: readonly string[],
): Promise<bigint[] | undefined> {
  const column = <K extends keyof NewEventRow>(key: K) => rows.map((row) => row[key]);
  const result = await client.query(sql.insertEvents, [
    column('streamId'),
    column('revision'),
    column('eventId'),
    column('type'),
    column('data'),
    column('metadata'),
    chainHashes,
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
