import { IdempotencyConflictError } from '../errors';
import type { AppendResult, RecordedEvent, StreamAppend } from '../port';
import { sameJson } from './json';

/**
 * Decides whether an append was already stored. Event ids are the idempotency key:
 * - none of the ids stored: a new append (returns undefined);
 * - all stored, in this stream, consecutively and in this order, with the same type and payload:
 *   a replay, answered with the original result whatever the expected revision says;
 * - anything else: the caller is confused, IdempotencyConflictError (a ledger never treats the
 *   same id with another payload as a no-op).
 */
export function detectReplay(
  append: StreamAppend,
  storedById: ReadonlyMap<string, RecordedEvent>,
): AppendResult | undefined {
  const { streamId, events } = append;
  const stored = events.map((event) => storedById.get(event.eventId));
  const storedCount = stored.filter((event) => event !== undefined).length;
  if (storedCount === 0) return undefined;
  const conflict = (eventId: string, detail: string): never => {
    throw new IdempotencyConflictError(streamId, eventId, detail);
  };
  let previous: RecordedEvent | undefined;
  events.forEach((event, index) => {
    const match = stored[index];
    if (match === undefined) {
      return conflict(event.eventId, `only ${storedCount} of ${events.length} events are stored`);
    }
    if (match.streamId !== streamId) conflict(event.eventId, `stored on ${match.streamId}`);
    if (previous !== undefined && match.revision !== previous.revision + 1) {
      conflict(event.eventId, 'stored, but not in the order of this append');
    }
    if (match.type !== event.type || !sameJson(match.data, event.data)) {
      conflict(event.eventId, 'stored with a different type or payload');
    }
    previous = match;
  });
  const last = stored[stored.length - 1] as RecordedEvent;
  return { nextRevision: last.revision, position: last.position };
}
