import canonicalize from 'canonicalize';
import { IdempotencyConflictError } from '../errors';
import type { EventData, StreamAppend } from '../port';

/** An event ready for an INSERT: JSON already serialised, id in canonical lower case. */
export interface NewEventRow {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  /** RFC 8785 canonical JSON text: what is stored is exactly what the chain hash covers. */
  readonly data: string;
  /** RFC 8785 canonical JSON text. */
  readonly metadata: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rejects appends no store could honour, before any I/O, identically in every adapter:
 * empty appends (they have no result position), non-UUID ids, an id used twice in one call
 * (the unique index would reject it halfway), negative or fractional expected revisions.
 * Event ids come back lower-cased, as PostgreSQL's uuid type returns them.
 */
export function normalizeAppends(appends: readonly StreamAppend[]): StreamAppend[] {
  const seen = new Set<string>();
  return appends.map(({ streamId, events, expected }) => {
    if (streamId.length === 0) throw new TypeError('stream id must not be empty');
    if (events.length === 0) throw new RangeError(`append to ${streamId} has no events`);
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected revision must be an integer >= 0, got ${expected}`);
    }
    const normalized = events.map((event) => normalizeEvent(streamId, event));
    for (const { eventId } of normalized) {
      if (seen.has(eventId)) {
        throw new IdempotencyConflictError(streamId, eventId, 'appears twice in one call');
      }
      seen.add(eventId);
    }
    return { streamId, events: normalized, expected };
  });
}

function normalizeEvent(streamId: string, event: EventData): EventData {
  if (!UUID.test(event.eventId)) {
    throw new TypeError(`event id ${event.eventId} on stream ${streamId} is not a UUID`);
  }
  if (event.type.length === 0) throw new TypeError(`event type on stream ${streamId} is empty`);
  if (!Number.isInteger(event.metadata.schemaVersion)) {
    throw new TypeError(`event ${event.eventId}: metadata.schemaVersion must be an integer`);
  }
  return { ...event, eventId: event.eventId.toLowerCase() };
}

/**
 * Serialises one event for storage as canonical JSON (keys sorted), so the chain hashes the
 * stored text without parsing it again. Data must be a JSON value (not undefined, no bigint,
 * no NaN or Infinity).
 */
export function toNewEventRow(streamId: string, revision: number, event: EventData): NewEventRow {
  const data = canonicalJsonText(event.eventId, 'data', event.data);
  return {
    streamId,
    revision,
    eventId: event.eventId,
    type: event.type,
    data,
    metadata: canonicalJsonText(event.eventId, 'metadata', event.metadata),
  };
}

function canonicalJsonText(eventId: string, field: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new TypeError(`event ${eventId}: ${field} is not JSON (${(error as Error).message})`);
  }
  if (text === undefined) throw new TypeError(`event ${eventId}: ${field} is not JSON`);
  return text;
}
