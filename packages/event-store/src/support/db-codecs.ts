import * as t from 'io-ts';

/**
 * Codecs for integers as database drivers hand them over: better-sqlite3 with safe integers gives
 * bigint, pg gives int8 as a decimal string and int4 as a number.
 */

const DIGITS = /^-?\d+$/;

function toBigInt(u: unknown): bigint | undefined {
  if (typeof u === 'bigint') return u;
  if (typeof u === 'number' && Number.isSafeInteger(u)) return BigInt(u);
  if (typeof u === 'string' && DIGITS.test(u)) return BigInt(u);
  return undefined;
}

/** A global position from any driver representation. */
export const BigIntFromDb = new t.Type<bigint, bigint, unknown>(
  'BigIntFromDb',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) => {
    const value = toBigInt(u);
    return value === undefined ? t.failure(u, c) : t.success(value);
  },
  (a) => a,
);

/** A revision or count: an integer that fits a JS number exactly. */
export const SafeIntegerFromDb = new t.Type<number, number, unknown>(
  'SafeIntegerFromDb',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, c) => {
    const value = toBigInt(u);
    const asNumber = value === undefined ? NaN : Number(value);
    return Number.isSafeInteger(asNumber) ? t.success(asNumber) : t.failure(u, c);
  },
  (a) => a,
);

/** A nullable global position, as `max(position)` returns on an empty table. */
export const HeadPositionRow = t.type({ position: t.union([t.null, BigIntFromDb]) });

/** A stream's current revision. */
export const StreamRevisionRow = t.type({ stream_id: t.string, revision: SafeIntegerFromDb });
