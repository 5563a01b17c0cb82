import type { EventData, RecordedEvent } from '@rebate/event-store';
import { EventDecodingError } from '@rebate/event-store';
import {
  type LedgerEvent,
  assertBalanced,
  decodeStoredEvent,
  encodeLedgerEvent,
  postingsOf,
  schemaVersions,
} from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';

/** The store boundary: domain events to stored JSON and back, through the io-ts codecs. */

export interface EventContext {
  readonly eventId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** The metadata of an event caused by a command: the command is its cause and, by default, its correlation. */
export const causedBy = (
  context: { readonly commandId: string; readonly correlationId?: string },
  eventId: string,
): EventContext => ({
  eventId,
  causationId: context.commandId,
  correlationId: context.correlationId ?? context.commandId,
});

/**
 * Every decided event is appended through here, so this is where its postings are checked to
 * balance (UnbalancedPostingsError, before anything is written).
 */
export const toEventData = (event: LedgerEvent, context: EventContext): EventData => {
  assertBalanced(postingsOf(event));
  const { type: _type, ...data } = encodeLedgerEvent(event);
  const type = event.type;
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
  const decoded = decodeStoredEvent(recorded);
  if (isLeft(decoded)) {
    throw new EventDecodingError(
      recorded.streamId,
      recorded.revision,
      recorded.position,
      decoded.left,
    );
  }
  return decoded.right;
};
