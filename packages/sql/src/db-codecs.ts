import * as t from 'io-ts';
import { type Big, formatDecimal, parseDecimal } from '@rebate/domain';

/**
 * Codecs for values as database drivers hand them over: better-sqlite3 with safe integers gives
 * bigint, pg gives int8 as a decimal string and int4 as a number. Money is stored exactly
 * (PostgreSQL NUMERIC, SQLite TEXT: SQLite has no exact decimal type, and NUMERIC affinity would
 * turn "0.1" into a binary float); both drivers hand it back as decimal text.
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

/** An exact decimal stored as NUMERIC (PostgreSQL) or TEXT (SQLite); encodes to decimal text. */
export const DecimalFromDb = new t.Type<Big, string, unknown>(
  'DecimalFromDb',
  (u): u is Big => typeof u === 'object' && u !== null && 'c' in u,
  (u, c) => {
    const value = typeof u === 'string' ? parseDecimal(u) : undefined;
    return value === undefined ? t.failure(u, c, 'a decimal stored as text') : t.success(value);
  },
  formatDecimal,
);

/** A boolean: PostgreSQL's own, or SQLite's 0/1 (number or bigint). */
export const BooleanFromDb = new t.Type<boolean, boolean, unknown>(
  'BooleanFromDb',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => {
    if (typeof u === 'boolean') return t.success(u);
    if (u === 0 || u === 0n) return t.success(false);
    if (u === 1 || u === 1n) return t.success(true);
    return t.failure(u, c);
  },
  (a) => a,
);
