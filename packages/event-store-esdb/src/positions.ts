import type { Position } from '@eventstore/db-client';

/**
 * Global positions. ESDB gives every record of `$all` a `{ commit, prepare }` pair; the port has
 * one bigint, and it is the commit position. Events appended over gRPC are self-committing
 * prepares, so their commit and prepare positions are equal, unique per event and increasing in
 * commit order. (Only legacy TCP explicit transactions give several events one commit position;
 * this adapter never writes those.)
 *
 * Positions are bigint end to end: `JSON.stringify` throws on them, so messages use `toString()`.
 */

export type ReadDirection = 'forwards' | 'backwards';

/** .NET writes positions as signed 64-bit; "no position" arrives as -1 read as unsigned (2^64-1). */
const MAX_POSITION = (1n << 63n) - 1n;

/** The port position of an ESDB position. */
export function toPortPosition(position: Position): bigint {
  return position.commit;
}

/** The ESDB position of the event whose port position is `position` (commit === prepare). */
export function toEsdbPosition(position: bigint): Position {
  if (position < 0n || position > MAX_POSITION) {
    throw new RangeError(`not an EventStoreDB position: ${position.toString()}`);
  }
  return { commit: position, prepare: position };
}

/**
 * A usable port position, or undefined when ESDB reported none. Servers before 22.6 leave stream
 * reads without a position (0 or 2^64-1 on the wire); idempotent appends may report none either.
 * Position 0 holds the log's first record, never a user event, so it also means "none".
 */
export function usablePosition(position: Position | undefined): bigint | undefined {
  if (position === undefined) return undefined;
  const commit = position.commit;
  return commit > 0n && commit <= MAX_POSITION ? commit : undefined;
}

/** Orders ESDB positions: by commit, then by prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * Paging cursor test. Each page of `$all` restarts at the last event seen. ESDB reads forwards
 * include their start position (and backwards exclude it), so a page may repeat the cursor's
 * event: keep only events strictly beyond the cursor in the direction of travel.
 */
export function isBeyond(
  position: Position,
  cursor: Position | undefined,
  direction: ReadDirection,
): boolean {
  if (cursor === undefined) return true;
  const order = comparePositions(position, cursor);
  return direction === 'forwards' ? order > 0 : order < 0;
}

/** The port's `after` is an exclusive checkpoint: deliver only positions greater than it. */
export function isAfterCheckpoint(position: bigint, after: bigint | undefined): boolean {
  return after === undefined || position > after;
}

/** The later of two exclusive checkpoints (undefined: none). */
export function laterCheckpoint(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * The cursor a forward read or catch-up subscription starts from for an exclusive `after`, or
 * undefined to start at the beginning of `$all`. A negative checkpoint excludes nothing.
 */
export function cursorAfter(after: bigint | undefined): Position | undefined {
  return after === undefined || after < 0n ? undefined : toEsdbPosition(after);
}
