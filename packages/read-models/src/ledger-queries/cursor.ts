import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';

/**
 * Accrual page cursors: the position of the last accrual served, as opaque base64url JSON. A
 * position is a key that only grows, so "after this position" never skips or repeats an
 * accrual while others are being added.
 */

const MAX_POSITION = 2n ** 63n - 1n;

const CursorPayload = t.type({ after: t.string });

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(readonly cursor: string) {
    super('cursor is not one this API gave out');
  }
}

export const encodeCursor = (after: bigint): string =>
  Buffer.from(JSON.stringify({ after: after.toString() }), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): bigint => {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  const decoded = CursorPayload.decode(payload);
  if (isLeft(decoded) || !/^\d{1,19}$/.test(decoded.right.after)) {
    throw new InvalidCursorError(cursor);
  }
  const after = BigInt(decoded.right.after);
  // Positions are signed 64-bit in every store: a larger one is not a position.
  if (after > MAX_POSITION) throw new InvalidCursorError(cursor);
  return after;
};
