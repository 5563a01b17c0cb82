import type { EventData, RecordedEvent } from '@rebate/event-store';
import { EventDecodingError } from '@rebate/event-store';
import { LedgerEvent, decodeLedgerEvent, reasonOf, schemaVersions } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';

/** The store boundary: domain events to stored JSON and back, through the io-ts codecs. */

export interface EventContext {
  readonly eventId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export const toEventData = (event: LedgerEvent, context: EventContext): EventData => {
  const { type, ...data } = LedgerEvent.encode(event);
  return {
    eventId: context.eventId,
    type,
    data,
    metadata: {
      schemaVersion: schemaVersions[type],
      ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
      ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
    },
  };
};

export const fromRecorded = (recorded: RecordedEvent): LedgerEvent => {
  const decoded = decodeLedgerEvent(recorded.type, recorded.data);
  if (decoded === undefined || isLeft(decoded)) {
    const reason = decoded ? reasonOf(decoded.left) : `unknown event type ${recorded.type}`;
    throw new EventDecodingError(recorded.streamId, recorded.revision, recorded.position, reason);
  }
  return decoded.right;
};

/** Every event of a stream, decoded, with the stream's last revision. */
export const readDecodedStream = async (
  store: { readStream: (id: string) => AsyncIterable<RecordedEvent> },
  streamId: string,
): Promise<{ events: LedgerEvent[]; revision: number | undefined }> => {
  const events: LedgerEvent[] = [];
  let revision: number | undefined;
  for await (const recorded of store.readStream(streamId)) {
    events.push(fromRecorded(recorded));
    revision = recorded.revision;
  }
  return { events, revision };
};
