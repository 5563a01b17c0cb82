import * as t from 'io-ts';
import { isLosslessNumber } from 'lossless-json';
import {
  type Big,
  HUNDRED,
  MAX_INPUT_EXPONENT,
  ZERO,
  decimalPlaces,
  formatDecimal,
  parseDecimal,
} from '../values/decimal';
import { type Instant, parseInstant } from '../values/instant';

/**
 * Field codecs of the input lines. A failure carries the reason without the field's name; the
 * reporter in `./reason` puts the name in front ("lots has more than 2 decimals").
 */

const isText = (u: unknown): u is string => typeof u === 'string';

export const Identifier = new t.Type<string, string, unknown>(
  'Identifier',
  isText,
  (u, c) =>
    isText(u) && u.trim().length > 0 ? t.success(u) : t.failure(u, c, 'must be a non-empty string'),
  (a) => a,
);

export const InstantText = new t.Type<Instant, string, unknown>(
  'Instant',
  (u): u is Instant => isText(u) && parseInstant(u) === u,
  (u, c) => {
    const instant = isText(u) ? parseInstant(u) : undefined;
    return instant ? t.success(instant) : t.failure(u, c, 'must be an ISO-8601 time with a zone');
  },
  (a) => a,
);

export interface DecimalRule {
  readonly maxDecimals: number;
  /** Returns the reason when the value is out of range. */
  readonly range: (value: Big) => string | undefined;
}

const decimalText = (u: unknown): string | undefined =>
  isText(u) ? u.trim() : isLosslessNumber(u) ? u.toString() : undefined;

/** A decimal given as a JSON string (or a JSON number, kept lossless); encoded as a decimal string. */
export const decimalField = (name: string, rule: DecimalRule) =>
  new t.Type<Big, string, unknown>(
    name,
    (u): u is Big => typeof u === 'object' && u !== null && 'c' in u && 'e' in u && 's' in u,
    (u, c) => {
      const text = decimalText(u);
      const value = text === undefined ? undefined : parseDecimal(text);
      if (!value) return t.failure(u, c, 'must be a decimal number');
      if (value.e > MAX_INPUT_EXPONENT) return t.failure(u, c, 'is too large');
      const outOfRange = rule.range(value);
      if (outOfRange) return t.failure(u, c, outOfRange);
      if (decimalPlaces(value) > rule.maxDecimals)
        return t.failure(u, c, `has more than ${rule.maxDecimals} decimals`);
      return t.success(value);
    },
    formatDecimal,
  );

export const Lots = decimalField('Lots', {
  maxDecimals: 2,
  range: (v) => (v.gt(ZERO) ? undefined : 'must be greater than 0'),
});

export const UsdPerLot = decimalField('UsdPerLot', {
  maxDecimals: 4,
  range: (v) => (v.gte(ZERO) ? undefined : 'must not be negative'),
});

export const Percent = decimalField('Percent', {
  maxDecimals: 2,
  range: (v) => (v.gte(ZERO) && v.lte(HUNDRED) ? undefined : 'must be between 0 and 100'),
});

export const MinimumUsd = decimalField('MinimumUsd', {
  maxDecimals: 2,
  range: (v) => (v.gte(ZERO) ? undefined : 'must not be negative'),
});

/** An optional field: absent and null both mean "not given". */
export const optional = <A, O>(codec: t.Type<A, O, unknown>) =>
  new t.Type<A | undefined, O | undefined, unknown>(
    `Optional<${codec.name}>`,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined || u === null ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  );
