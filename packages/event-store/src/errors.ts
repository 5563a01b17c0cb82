import type { ExpectedRevision, StreamId } from './port';

/** The stream was not at the revision the writer expected: someone else appended first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: StreamId,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or undefined when it does not exist. */
    readonly actual: number | undefined,
  ) {
    super(
      `wrong expected revision on stream ${streamId}: expected ${String(expected)}, actual ${
        actual === undefined ? 'no stream' : String(actual)
      }`,
    );
  }
}

/** Some but not all events of an append were already stored: the caller is confused. */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  constructor(
    readonly streamId: StreamId,
    readonly eventId: string,
    detail: string,
  ) {
    super(`event ${eventId} on stream ${streamId}: ${detail}`);
  }
}

/** A stored event could not be read back: corrupt JSON or a payload that fails its codec. */
export class EventDecodingError extends Error {
  override readonly name = 'EventDecodingError';
  constructor(
    readonly streamId: StreamId,
    readonly revision: number,
    readonly position: bigint,
    readonly reason: string,
  ) {
    super(
      `cannot decode event at ${streamId}@${revision} (position ${position.toString()}): ${reason}`,
    );
  }
}
