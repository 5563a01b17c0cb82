import * as t from 'io-ts';
import { isLosslessNumber } from 'lossless-json';
import {
  type Big,
  Decimal,
  HUNDRED,
  MAX_INPUT_EXPONENT,
  ZERO,
  decimalPlaces,
  formatDecimal,
  parseDecimal,
} from '../values/decimal';
import { type Instant, parseInstant } from '../values/instant';
import {
  codePointLength,
  hasControlCharacter,
  hasLoneSurrogate,
  textRuleBroken,
} from './text-rules';

/**
 * Field codecs of the input lines. A failure carries the reason without the field's name; the
 * reporter in `./reason` puts the name in front ("lots has more than 2 decimals").
 */

const isText = (u: unknown): u is string => typeof u === 'string';

/** A string field under the section-14 text rule, at most `max` code points. */
const ruledText = (name: string, max: number) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => isText(u) && textRuleBroken(u, max) === undefined,
    (u, c) => {
      if (!isText(u)) return t.failure(u, c, 'must be a string');
      const broken = textRuleBroken(u, max);
      return broken === undefined ? t.success(u) : t.failure(u, c, broken);
    },
    (a) => a,
  );

/**
 * Section 14: `partnerId`, `clientId`, `tradeId`, `accountType`, `symbol`, `accountId`, `model`,
 * `runId`, `parentId`, `childId`: 1 to 128 code points, no control character, no lone surrogate,
 * no white space at either end; compared exactly.
 */
export const Identifier = ruledText('Identifier', 128);

/** `reason` of `payout-failed`: the identifier rule with up to 1000 code points. */
export const Reason = ruledText('Reason', 1000);

export const MAX_PAYOUT_ID_LENGTH = 300;

/**
 * `payoutId`: a string of up to 300 code points. It only names a payout, so anything that is no
 * payout's id is rejected as unknown anyway; text that no payout id can hold (empty, a lone
 * surrogate, a control character: payout ids are `<runId>/<clientId>`, both identifiers) is
 * refused here already, so no store is ever asked about it.
 */
export const PayoutIdText = new t.Type<string, string, unknown>(
  'PayoutId',
  (u): u is string => isText(u) && payoutIdBroken(u) === undefined,
  (u, c) => {
    if (!isText(u)) return t.failure(u, c, 'must be a string');
    const broken = payoutIdBroken(u);
    return broken === undefined ? t.success(u) : t.failure(u, c, broken);
  },
  (a) => a,
);

function payoutIdBroken(text: string): string | undefined {
  if (text.length === 0) return 'must not be empty';
  if (codePointLength(text) > MAX_PAYOUT_ID_LENGTH)
    return `must be at most ${MAX_PAYOUT_ID_LENGTH} characters`;
  if (hasLoneSurrogate(text)) return 'must not contain a lone surrogate';
  if (hasControlCharacter(text)) return 'must not contain a control character';
  return undefined;
}

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

/** The text of a decimal input: a JSON string as given, or a JSON number's exact text. */
const decimalText = (u: unknown): string | undefined =>
  isText(u) ? u : isLosslessNumber(u) ? u.toString() : undefined;

/** The exact value of a decimal input, or the reason it is refused (before any range rule). */
const exactDecimal = (u: unknown): Big | string => {
  const text = decimalText(u);
  const value = text === undefined ? undefined : parseDecimal(text);
  if (!value) return 'must be a decimal number';
  // |value| >= 10^21 (big.js keeps the exponent of the leading digit; zero has e = 0).
  if (value.e > MAX_INPUT_EXPONENT) return 'is too large';
  return value;
};

/** A decimal given as a JSON string (or a JSON number, kept lossless); encoded as a decimal string. */
export const decimalField = (name: string, rule: DecimalRule) =>
  new t.Type<Big, string, unknown>(
    name,
    (u): u is Big => typeof u === 'object' && u !== null && 'c' in u && 'e' in u && 's' in u,
    (u, c) => {
      const value = exactDecimal(u);
      if (typeof value === 'string') return t.failure(u, c, value);
      const outOfRange = rule.range(value);
      if (outOfRange) return t.failure(u, c, outOfRange);
      if (decimalPlaces(value) > rule.maxDecimals)
        return t.failure(u, c, `has more than ${rule.maxDecimals} decimals`);
      return t.success(value);
    },
    formatDecimal,
  );

/**
 * A whole number from 0 to `max` (`days`, `minHoldSeconds`): a decimal input (section 14) whose
 * value has no decimals. Values are exact, so `"1.0"` (no decimals) and `"1e2"` (100) are whole
 * numbers, `"1.5"` and `"1e-1"` are not. Decoded to a JavaScript number, which is exact here.
 */
export const wholeNumberField = (name: string, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0 && (u as number) <= max,
    (u, c) => {
      const value = exactDecimal(u);
      if (typeof value === 'string') return t.failure(u, c, value);
      if (decimalPlaces(value) > 0) return t.failure(u, c, 'must be a whole number');
      if (value.lt(ZERO) || value.gt(Decimal(String(max))))
        return t.failure(u, c, `must be between 0 and ${max}`);
      return t.success(Number(value.toFixed()) + 0); // + 0 turns -0 into 0
    },
    (a) => String(a), // a decimal string, as the input takes it back
  );

/** `days` of `set-payout-hold` (section 10). */
export const Days = wholeNumberField('Days', 365);

/** `minHoldSeconds` of `set-qualification` (section 11): at most a week. */
export const MinHoldSeconds = wholeNumberField('MinHoldSeconds', 604_800);

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
