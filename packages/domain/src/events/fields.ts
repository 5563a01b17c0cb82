import * as t from 'io-ts';
import { type Big, formatDecimal, parseDecimal } from '../values/decimal';
import { InstantText } from '../input/fields';

/** Field codecs of stored events: stricter than input (decimals only as strings). */

export const DecimalValue = new t.Type<Big, string, unknown>(
  'Decimal',
  (u): u is Big => typeof u === 'object' && u !== null && 'c' in u,
  (u, c) => {
    const value = typeof u === 'string' ? parseDecimal(u) : undefined;
    return value ? t.success(value) : t.failure(u, c, 'must be a decimal string');
  },
  formatDecimal,
);

export const NullableDecimalValue = t.union([DecimalValue, t.null]);

export const Id = t.string;
export const NullableId = t.union([t.string, t.null]);
export const At = InstantText;
export const NullableAt = t.union([InstantText, t.null]);

export const RateRule = t.keyof({
  individual: null,
  default: null,
  suspended: null,
  cancelled: null,
  none: null,
});
export type RateRule = t.TypeOf<typeof RateRule>;

/** Which schedule chose a trade's usdPerLot, in the order of rules section 13. */
export const RemunerationSource = t.keyof({
  'partner-symbol': null,
  partner: null,
  'broker-symbol': null,
  broker: null,
  none: null,
});
export type RemunerationSource = t.TypeOf<typeof RemunerationSource>;
