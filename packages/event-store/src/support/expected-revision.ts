import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision, StreamId } from '../port';

/** Whether a stream whose last revision is `actual` satisfies what the writer expected. */
export function satisfiesExpectedRevision(
  expected: ExpectedRevision,
  actual: number | undefined,
): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === undefined;
    case 'stream_exists':
      return actual !== undefined;
    default:
      return actual === expected;
  }
}

/** Throws the typed error, carrying the actual revision, when the expectation fails. */
export function checkExpectedRevision(
  streamId: StreamId,
  expected: ExpectedRevision,
  actual: number | undefined,
): void {
  if (!satisfiesExpectedRevision(expected, actual)) {
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }
}
