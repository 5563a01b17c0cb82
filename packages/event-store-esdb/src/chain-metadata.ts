import { jsonEvent, type EventData as EsdbEventData, type JSONType } from '@eventstore/db-client';
import { type EventData, type StreamAppend, chainRows, toNewEventRow } from '@rebate/event-store';

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
 * The append's events as ESDB JSON events, each carrying its chain hash: the first follows
 * `previous` (the stream's last stored hash), each next one the event before it.
 */
export function chainedEsdbEvents(
  append: StreamAppend,
  previous: string,
  firstRevision: number,
): EsdbEventData[] {
  const rows = append.events.map((event, index) =>
    toNewEventRow(append.streamId, firstRevision + index, event),
  );
  const hashes = chainRows(previous, rows);
  // The stored JSON is the canonical text parsed back, so what is hashed is what is stored.
  return append.events.map((event: EventData, index) =>
    jsonEvent({
      id: event.eventId,
      type: event.type,
      data: JSON.parse(rows[index]?.data ?? 'null') as JSONType,
      metadata: {
        ...(JSON.parse(rows[index]?.metadata ?? '{}') as Record<string, JSONType>),
        [CHAIN_HASH_KEY]: hashes[index] ?? null,
      },
    }),
  );
}
