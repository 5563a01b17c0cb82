import {
  jsonEvent,
  type EventData as EsdbEventData,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  EventDecodingError,
  type ChainLink,
  type EventData,
  type EventMetadata,
  type RecordedEvent,
  type StreamId,
} from '@rebate/event-store';
import { CHAIN_HASH_KEY, splitChainMetadata } from './chain-metadata';
import { fromEsdbRevision } from './revisions';

/**
 * Event encoding. Events are stored as ESDB JSON events (content type application/json) with
 * the port's metadata as ESDB custom metadata, so the server's UI and projections can read them.
 */

/**
 * ESDB-specific checks, after the port's shared ones (`normalizeAppends`: UUID ids, non-empty
 * types, integer schemaVersion). TypeError, like those: the caller passed a bad value.
 */
export function checkEventData(streamId: StreamId, event: EventData): void {
  const where = `event ${event.eventId} on stream ${streamId}`;
  if (event.type.startsWith('$')) {
    // ESDB reserves '$' types for system events, which reads and subscriptions skip.
    throw new TypeError(`${where}: type must not start with '$'`);
  }
  if (event.data === undefined) throw new TypeError(`${where}: data must be a JSON value`);
  if (!isJsonObject(event.metadata))
    throw new TypeError(`${where}: metadata must be a JSON object`);
  if (CHAIN_HASH_KEY in event.metadata) {
    throw new TypeError(`${where}: metadata.${CHAIN_HASH_KEY} is the store's own (the chain)`);
  }
}

/** The client's JSON event; it JSON-stringifies data of any JSON type, not only objects. */
export function toEsdbEvent(event: EventData): EsdbEventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata as JSONType,
  });
}

/**
 * A recorded ESDB event as a port event, under the port's stream id and position (both worked out
 * by the caller: namespaces and `$all` positions are not this function's business).
 * The client has already parsed the JSON; when parsing failed it hands back raw text for data and
 * bytes for metadata. Bytes are caught here; raw data text is indistinguishable from a JSON string.
 */
export function toRecordedEvent(
  event: EsdbRecordedEvent,
  streamId: StreamId,
  position: bigint,
): RecordedEvent {
  const revision = fromEsdbRevision(event.revision);
  const fail = (reason: string) => new EventDecodingError(streamId, revision, position, reason);
  if (!event.isJson) throw fail('not a JSON event');
  const metadata: unknown = event.metadata;
  if (!isJsonObject(metadata)) throw fail('metadata is not a JSON object');
  if (typeof metadata['schemaVersion'] !== 'number') throw fail('metadata has no schemaVersion');
  return {
    streamId,
    revision,
    position,
    eventId: event.id,
    type: event.type,
    data: event.data,
    // The chain hash is the store's, not the caller's: reads give back what was appended.
    metadata: splitChainMetadata(metadata).metadata as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}

/** A recorded ESDB event as the chain sees it; undecodable metadata makes it `unreadable`. */
export function toChainLink(
  event: EsdbRecordedEvent,
  streamId: StreamId,
  position: bigint,
): ChainLink {
  const where = {
    position,
    streamId,
    revision: fromEsdbRevision(event.revision),
    type: event.type,
  };
  const metadata: unknown = event.metadata;
  if (!event.isJson || !isJsonObject(metadata)) {
    const unreadable = event.isJson ? 'metadata is not a JSON object' : 'not a JSON event';
    return { ...where, data: undefined, metadata: undefined, hash: null, unreadable };
  }
  const split = splitChainMetadata(metadata);
  return { ...where, data: event.data, metadata: split.metadata, hash: split.hash };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
