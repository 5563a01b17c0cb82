import { jsonEvent, type EventData as EsdbEventData, type JSONType } from '@eventstore/db-client';
import { type NewEventRow, type StreamAppend, chainRows, toNewEventRow } from '@rebate/event-store';

/**
 * Where an event's chain hash lives on EventStoreDB: a key of its metadata (ESDB has no other
 * place per event). The hash covers the metadata without this key. Not `$`-prefixed: those keys
 * are ESDB's own.
 */
export const CHAIN_HASH_KEY = 'chainHash';

/** The caller's metadata and the stored chain hash (null when there is none) of a stored event. */
export function splitChainMetadata(metadata: Record<string, unknown>): {
  readonly metadata: Record<string, unknown>;
  readonly hash: string | null;
} {
  const { [CHAIN_HASH_KEY]: hash, ...rest } = metadata;
  return { metadata: rest, hash: typeof hash === 'string' ? hash : null };
}

/**
 * The append's events serialised (canonical JSON), before any I/O: a payload that is not JSON
 * fails here, so `appendMany` never leaves a partial write over it. Revisions are filled in
 * when the append knows where its stream ends.
 */
export function serialiseEvents(append: StreamAppend): NewEventRow[] {
  return append.events.map((event) => toNewEventRow(append.streamId, 0, event));
}

/**
 * The serialised events as ESDB JSON events, each carrying its chain hash: the first follows
 * `previous` (the stream's last stored hash), each next one the event before it. The stored
 * JSON is the canonical text parsed back, so what is hashed is what is stored.
 */
export function chainedEsdbEvents(
  serialised: readonly NewEventRow[],
  previous: string,
  firstRevision: number,
): EsdbEventData[] {
  const rows = serialised.map((row, index) => ({ ...row, revision: firstRevision + index }));
  const hashes = chainRows(previous, rows);
  return rows.map((row, index) =>
    jsonEvent({
      id: row.eventId,
      type: row.type,
      data: JSON.parse(row.data) as JSONType,
      metadata: {
        ...(JSON.parse(row.metadata) as Record<string, JSONType>),
        [CHAIN_HASH_KEY]: hashes[index] ?? null,
      },
    }),
  );
}
