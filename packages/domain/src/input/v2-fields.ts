import * as t from 'io-ts';
import { isLosslessNumber } from 'lossless-json';
import { Decimal, ZERO, decimalPlaces, parseDecimal } from '../values/decimal';

/**
 * Field codecs that only version 2 of the rules' lines use: whole numbers (`days`,
 * `minHoldSeconds`), a failure `reason` and a `payoutId`.
 */

const isText = (u: unknown): u is string => typeof u === 'string';
const codePoints = (text: string): number => [...text].length;

/** A whole number from 0 to `max`, given as a JSON number or string; kept as a JS integer. */
const wholeNumber = (name: string, max: number) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => Number.isInteger(u),
    (u, c) => {
      const text = isText(u) ? u : isLosslessNumber(u) ? u.toString() : undefined;
      const value = text === undefined ? undefined : parseDecimal(text);
      if (!value) return t.failure(u, c, 'must be a whole number');
      if (decimalPlaces(value) > 0) return t.failure(u, c, 'must be a whole number');
      if (value.lt(ZERO) || value.gt(Decimal(String(max))))
        return t.failure(u, c, `must be between 0 and ${max}`);
      return t.success(Number(value.toFixed(0)));
    },
    (a) => a,
  );

export const HoldDays = wholeNumber('HoldDays', 365);
export const MinHoldSeconds = wholeNumber('MinHoldSeconds', 604_800);

/** Why the payout service failed a payout: a non-empty text of up to 1000 characters. */
export const Reason = new t.Type<string, string, unknown>(
  'Reason',
  isText,
  (u, c) =>
    isText(u) && u.trim().length > 0 && codePoints(u) <= 1000
      ? t.success(u)
      : t.failure(u, c, 'must be a non-empty string of at most 1000 characters'),
  (a) => a,
);

/** A payout's id, `<runId>/<clientId>`: a string of up to 300 characters. */
export const PayoutIdText = new t.Type<string, string, unknown>(
  'PayoutId',
  isText,
  (u, c) =>
    isText(u) && u.length > 0 && codePoints(u) <= 300
      ? t.success(u)
      : t.failure(u, c, 'must be a string of at most 300 characters'),
  (a) => a,
);
