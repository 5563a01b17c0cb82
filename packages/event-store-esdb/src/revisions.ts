import {
  ANY,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type ReadRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '@rebate/event-store';
import type { ReadDirection } from './positions';

/**
 * Stream revisions. ESDB and the port both count from 0 (the first event is revision 0, and a
 * stream that does not exist has none), so numbers map one to one; ESDB's are bigint, ours number.
 * ESDB's legacy "-1 = no stream" must never reach the client: `BigInt(-1)` as an expected revision
 * fails cryptically on the server, so the sentinels travel as the named constants.
 */

/** Converts the port's expected revision to the client's, rejecting what ESDB would garble. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(checkRevision(expected, 'expected revision'));
  }
}

/** An ESDB revision as a port revision. */
export function fromEsdbRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB revision out of range: ${revision.toString()}`);
  }
  return Number(revision);
}

/**
 * The actual revision a `WrongExpectedVersionError` reports: `'no_stream'` from the gRPC details,
 * a negative number (-1) from older servers' error metadata, or a revision.
 */
export function fromEsdbCurrentRevision(current: unknown): number | undefined {
  if (typeof current === 'bigint') return current < 0n ? undefined : fromEsdbRevision(current);
  if (typeof current === 'number' && Number.isSafeInteger(current)) {
    return current < 0 ? undefined : current;
  }
  return undefined; // 'no_stream', undefined, anything unexpected
}

/**
 * The revision of the last event an exact expectation names (-1 before the first event), or
 * undefined for 'any' and 'stream_exists'. Only exact expectations make ESDB check event ids
 * against the log, so only they make appends dependably idempotent.
 */
export function expectedLastRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return -1;
  return typeof expected === 'number' ? expected : undefined;
}

/** Where a stream read starts: the given revision, else the first (forwards) or last event. */
export function toEsdbReadRevision(
  fromRevision: number | undefined,
  direction: ReadDirection,
): ReadRevision {
  if (fromRevision === undefined) return direction === 'forwards' ? START : END;
  return BigInt(checkRevision(fromRevision, 'fromRevision'));
}

/** A read's maxCount: undefined means unbounded; 0 is allowed and reads nothing. */
export function checkMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${String(maxCount)}`);
  }
  return maxCount;
}

function checkRevision(revision: number, what: string): number {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    const hint = revision === -1 ? " (use 'no_stream' for a stream that must not exist)" : '';
    throw new RangeError(`${what} must be a non-negative integer, got ${String(revision)}${hint}`);
  }
  return revision;
}
