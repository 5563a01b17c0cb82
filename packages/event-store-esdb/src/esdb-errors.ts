import { ErrorType } from '@eventstore/db-client';
import {
  EventDecodingError,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type StreamId,
} from '@rebate/event-store';

/**
 * Error mapping. Client errors are recognised by their `type` tag rather than `instanceof`, so a
 * second copy of the client in node_modules (or an error rebuilt by a test) still maps.
 */

/** The client's error tag (`ErrorType`), if this is a client command error. */
export function esdbErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is { actualVersion: unknown } {
  return esdbErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

/** Reading a stream that was never written or was deleted: the port reads it as empty. */
export function isMissingStream(error: unknown): boolean {
  const type = esdbErrorType(error);
  return type === ErrorType.STREAM_NOT_FOUND || type === ErrorType.STREAM_DELETED;
}

/**
 * The port error for a "wrong expected version" answer, given the actual revision (undefined when
 * the stream does not exist). ESDB only rejects 'any', and 'stream_exists' on an existing stream,
 * when some but not all of the append's event ids are already stored (its "corrupted
 * idempotency"). For exact expectations the answer is ambiguous; `append` reads the stream to tell
 * a partial duplicate from a real conflict.
 */
export function conflictError(
  streamId: StreamId,
  expected: ExpectedRevision,
  actual: number | undefined,
  firstEventId: string,
): WrongExpectedRevisionError | IdempotencyConflictError {
  const partialDuplicate =
    expected === 'any' || (expected === 'stream_exists' && actual !== undefined);
  return partialDuplicate
    ? new IdempotencyConflictError(streamId, firstEventId, PARTIAL_DUPLICATE)
    : new WrongExpectedRevisionError(streamId, expected, actual);
}

export const PARTIAL_DUPLICATE = 'some but not all events of this append are already stored';

/** gRPC status codes that no retry cures: invalid argument, permission denied, unimplemented, unauthenticated. */
const PERMANENT_GRPC_CODES = new Set([3, 7, 12, 16]);

/**
 * Whether a subscription error is final. Everything else (unavailable, deadline, leader change,
 * server restart, reset streams) is worth a resubscription from the last delivered position.
 */
export function isPermanentSubscriptionError(error: unknown): boolean {
  if (error instanceof EventDecodingError || error instanceof RangeError) return true;
  if (error instanceof TypeError) return true; // a bug here, not a network fault
  const type = esdbErrorType(error);
  if (
    type === ErrorType.ACCESS_DENIED ||
    type === ErrorType.INVALID_ARGUMENT ||
    type === ErrorType.UNSUPPORTED
  ) {
    return true;
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : 0;
  return typeof code === 'number' && PERMANENT_GRPC_CODES.has(code);
}
