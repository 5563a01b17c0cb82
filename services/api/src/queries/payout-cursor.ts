import { createHash } from 'node:crypto';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { InvalidCursorError } from '@rebate/read-models';

/**
 * `GET /v1/payouts` page cursors: the sort key of the last payout served (run time, payout id)
 * and a digest of the query it was made for (the filter, the order and, for a partner token, the
 * partner), as opaque base64url JSON. The key is re-applied to the caller's own filtered list,
 * so a cursor never reaches past what the caller may see; the digest makes a cursor used with
 * another query (or by another partner) a 400 instead of a silently different page.
 */

export interface PayoutPosition {
  readonly at: string;
  readonly payoutId: string;
}

const CursorPayload = t.type({ at: t.string, id: t.string, q: t.string });

/** What a cursor is bound to: everything that decides which payouts the list holds. */
export const payoutQueryDigest = (scope: Readonly<Record<string, string | undefined>>): string =>
  createHash('sha256')
    .update(
      JSON.stringify(
        Object.entries(scope)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
    )
    .digest('base64url')
    .slice(0, 22);

export const encodePayoutCursor = (position: PayoutPosition, digest: string): string =>
  Buffer.from(
    JSON.stringify({ at: position.at, id: position.payoutId, q: digest }),
    'utf8',
  ).toString('base64url');

export const decodePayoutCursor = (cursor: string, digest: string): PayoutPosition => {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  const decoded = CursorPayload.decode(payload);
  if (isLeft(decoded) || decoded.right.q !== digest) throw new InvalidCursorError(cursor);
  return { at: decoded.right.at, payoutId: decoded.right.id };
};
