import BigConstructor, { type Big } from 'big.js';

/**
 * Our own big.js constructor, so no other library's global settings can change ours.
 * Strict mode makes `Decimal(0.1)` throw: a JavaScript number never becomes money here.
 * Only additions, subtractions and multiplications are used on money, which big.js does exactly;
 * DP only matters for division, which the rules never need.
 */
export const Decimal = BigConstructor();
Decimal.strict = true;
Decimal.DP = 40;
Decimal.NE = -1e6;
Decimal.PE = 1e6;

export type { Big };

export const ZERO: Big = Decimal('0');
export const HUNDRED: Big = Decimal('100');

/**
 * Rules section 14: exactly `[+-]digits[.digits][(e|E)[+-]digits]`, nothing around it (no `.5`,
 * `5.`, `1_000`, `0x10`, no white space). `\d` without the `u` flag is ASCII 0-9 only. A JSON
 * number's own grammar is a subset, so input numbers and strings pass one test.
 */
const DECIMAL_TEXT = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Parses decimal text; undefined when it does not fit the grammar above. */
export const parseDecimal = (text: string): Big | undefined =>
  DECIMAL_TEXT.test(text) ? Decimal(text.startsWith('+') ? text.slice(1) : text) : undefined;

/** Input decimals are bounded so no formatting ever expands an exponent into a huge string. */
export const MAX_INPUT_EXPONENT = 20;

/** Number of digits after the point once trailing zeros are dropped: 1.50 has 1, 100 has 0. */
export const decimalPlaces = (value: Big): number => Math.max(0, value.c.length - 1 - value.e);

/** Shortest plain (never exponential) form: "0.7", "1500", "-0.0012"; zero is always "0". */
export const formatDecimal = (value: Big): string => (value.eq(ZERO) ? '0' : value.toFixed());

/** Rounds toward zero to whole cents. */
export const roundDownToCents = (value: Big): Big => value.round(2, BigConstructor.roundDown);

export const sumOf = (values: Iterable<Big>): Big => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};
