import {
  type Instant,
  Decimal,
  changedAt,
  compareInstants,
  decimalPlaces,
  emptyHistory,
  formatDecimal,
  isBefore,
  latest,
  parseDecimal,
  parseInstant,
  roundDownToCents,
  valueAt,
} from '../src';
import { dec } from './support';

/** Values: exact decimals and instants, and effective-dated histories (rules sections 1, 2, 6). */

const instant = (text: string): Instant => {
  const parsed = parseInstant(text);
  if (parsed === undefined) throw new Error(`bad test instant ${text}`);
  return parsed;
};

describe('decimal parsing', () => {
  test('given plain decimal text, when parsed, then the exact value is kept', () => {
    expect(parseDecimal('0.1')?.eq(dec('0.1'))).toBe(true);
    expect(parseDecimal('15')?.eq(dec('15'))).toBe(true);
    expect(parseDecimal('-0.0012')?.eq(dec('-0.0012'))).toBe(true);
    expect(
      parseDecimal('12345678901234567890.123456789')?.eq(dec('12345678901234567890.123456789')),
    ).toBe(true);
  });

  test('given exponent notation, when parsed, then it is the value it denotes', () => {
    expect(parseDecimal('1e2')?.eq(dec('100'))).toBe(true);
    expect(parseDecimal('1.5E-3')?.eq(dec('0.0015'))).toBe(true);
  });

  test('given text that is not a decimal, when parsed, then there is no value', () => {
    for (const bad of [
      '',
      'abc',
      '1,5',
      '0x10',
      'NaN',
      'Infinity',
      '1e',
      '--1',
      '1.2.3',
      '1 000',
      '.5',
      '5.',
      ' 1',
      '1 ',
      '1_000',
      '+.5',
      '1e+',
      '٣',
    ])
      expect(parseDecimal(bad)).toBeUndefined();
  });

  // BUG: the pattern in values/decimal.ts:20 accepts a leading '+', big.js does not: it throws.
  test('given a leading plus sign, when parsed, then it is a value or no value, never a throw', () => {
    const parsed = parseDecimal('+5');
    expect(parsed === undefined || parsed.eq(dec('5'))).toBe(true);
  });
});

describe('decimal places', () => {
  test('given values, when counting decimals, then trailing zeros do not count', () => {
    expect(decimalPlaces(dec('1.50'))).toBe(1);
    expect(decimalPlaces(dec('1.000'))).toBe(0);
    expect(decimalPlaces(dec('100'))).toBe(0);
    expect(decimalPlaces(dec('0'))).toBe(0);
    expect(decimalPlaces(dec('0.25'))).toBe(2);
    expect(decimalPlaces(dec('1.005'))).toBe(3);
    expect(decimalPlaces(dec('0.0012'))).toBe(4);
    expect(decimalPlaces(dec('-7.1234'))).toBe(4);
    expect(decimalPlaces(dec('1e-3'))).toBe(3);
    expect(decimalPlaces(dec('2.5e3'))).toBe(0);
  });
});

describe('decimal formatting', () => {
  test('given values, when formatted, then the shortest plain form is written', () => {
    expect(formatDecimal(dec('1.50'))).toBe('1.5');
    expect(formatDecimal(dec('1500.00'))).toBe('1500');
    expect(formatDecimal(dec('-0.0012'))).toBe('-0.0012');
    expect(formatDecimal(dec('0.7'))).toBe('0.7');
  });

  test('given zero of any sign or spelling, when formatted, then it is "0"', () => {
    expect(formatDecimal(dec('-0'))).toBe('0');
    expect(formatDecimal(dec('0.000'))).toBe('0');
    expect(formatDecimal(dec('-0.00'))).toBe('0');
    expect(formatDecimal(dec('0.3').minus(dec('0.3')).neg())).toBe('0');
  });

  test('given very large and very small values, when formatted, then there is no exponent', () => {
    expect(formatDecimal(dec('1e21'))).toBe('1000000000000000000000');
    expect(formatDecimal(dec('1e-7'))).toBe('0.0000001');
    expect(formatDecimal(dec('-1.5e-10'))).toBe('-0.00000000015');
    expect(formatDecimal(dec('0.01').times(dec('7')).times(dec('33.33')).div(dec('100')))).toBe(
      '0.023331',
    );
  });

  test('given decimal arithmetic, when formatted, then no binary floating point shows', () => {
    expect(formatDecimal(dec('0.1').plus(dec('0.2')))).toBe('0.3');
    expect(formatDecimal(dec('1.005').times(dec('1000')))).toBe('1005');
  });
});

describe('rounding down to cents', () => {
  test('given positive amounts, when rounded, then sub-cents are dropped, never rounded up', () => {
    expect(formatDecimal(roundDownToCents(dec('1.239')))).toBe('1.23');
    expect(formatDecimal(roundDownToCents(dec('0.023331')))).toBe('0.02');
    expect(formatDecimal(roundDownToCents(dec('0.009999')))).toBe('0');
    expect(formatDecimal(roundDownToCents(dec('5')))).toBe('5');
    expect(formatDecimal(roundDownToCents(dec('10.01')))).toBe('10.01');
  });

  test('given a negative amount, when rounded, then it rounds toward zero', () => {
    expect(formatDecimal(roundDownToCents(dec('-0.015')))).toBe('-0.01');
    expect(formatDecimal(roundDownToCents(dec('-0.001')))).toBe('0');
  });
});

describe('instant parsing', () => {
  test('given UTC text, when parsed, then it is kept as canonical UTC', () => {
    expect(parseInstant('2026-09-01T00:00:00Z')).toBe('2026-09-01T00:00:00Z');
    expect(parseInstant('2026-09-01t12:30:45z')).toBe('2026-09-01T12:30:45Z');
  });

  test('given an offset, when parsed, then it is converted to UTC', () => {
    expect(parseInstant('2026-09-01T03:00:00+03:00')).toBe('2026-09-01T00:00:00Z');
    expect(parseInstant('2026-08-31T22:40:00-05:00')).toBe('2026-09-01T03:40:00Z');
    expect(parseInstant('2026-09-01T00:00:00+05:30')).toBe('2026-08-31T18:30:00Z');
    expect(parseInstant('2026-09-01T00:00:00-00:00')).toBe('2026-09-01T00:00:00Z');
  });

  test('given the other offset spellings, when parsed, then they mean the same offset', () => {
    expect(parseInstant('2026-09-01T00:00:00+0530')).toBe('2026-08-31T18:30:00Z');
    expect(parseInstant('2026-09-01T00:00:00+05')).toBe('2026-08-31T19:00:00Z');
  });

  test('given an offset crossing a day, a month or a year, when parsed, then the UTC date moves', () => {
    expect(parseInstant('2026-03-01T01:00:00+02:00')).toBe('2026-02-28T23:00:00Z');
    expect(parseInstant('2028-03-01T01:00:00+02:00')).toBe('2028-02-29T23:00:00Z');
    expect(parseInstant('2027-01-01T00:30:00+01:00')).toBe('2026-12-31T23:30:00Z');
    expect(parseInstant('2026-12-31T23:30:00-01:00')).toBe('2027-01-01T00:30:00Z');
  });

  test('given a space between date and time (RFC 3339), when parsed, then it is the same instant', () => {
    expect(parseInstant('2026-09-01 03:00:00+03:00')).toBe('2026-09-01T00:00:00Z');
    expect(parseInstant('2026-09-01 00:00:00')).toBeUndefined();
  });

  test('given no seconds, when parsed, then the seconds are zero', () => {
    expect(parseInstant('2026-09-01T10:15Z')).toBe('2026-09-01T10:15:00Z');
    expect(parseInstant('2026-09-01T10:15+01:00')).toBe('2026-09-01T09:15:00Z');
  });

  test('given a fraction, when parsed, then it is kept to the nanosecond, trailing zeros dropped', () => {
    expect(parseInstant('2026-09-01T00:00:00.120Z')).toBe('2026-09-01T00:00:00.12Z');
    expect(parseInstant('2026-09-01T00:00:00.000000001Z')).toBe('2026-09-01T00:00:00.000000001Z');
    expect(parseInstant('2026-09-01T03:00:00.999999999+03:00')).toBe(
      '2026-09-01T00:00:00.999999999Z',
    );
    expect(parseInstant('2026-09-01T00:00:00,5Z')).toBe('2026-09-01T00:00:00.5Z');
    expect(parseInstant('2026-09-01T00:00:00.000Z')).toBe('2026-09-01T00:00:00Z');
  });

  test('given an impossible date or time, when parsed, then there is no instant', () => {
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-09-00T00:00:00Z',
      '2026-09-01T25:00:00Z',
      '2026-09-01T00:60:00Z',
      '2026-09-01T00:00:60Z',
      '2026-09-01T00:00:00+24:00',
      '2026-09-01T00:00:00+01:60',
    ])
      expect(parseInstant(bad)).toBeUndefined();
    expect(parseInstant('2028-02-29T00:00:00Z')).toBe('2028-02-29T00:00:00Z');
  });

  test('given a time without a zone, when parsed, then there is no instant', () => {
    expect(parseInstant('2026-09-01T00:00:00')).toBeUndefined();
    expect(parseInstant('2026-09-01T00:00:00.5')).toBeUndefined();
    expect(parseInstant('2026-09-01')).toBeUndefined();
  });

  test('given text that is not an ISO-8601 time, when parsed, then there is no instant', () => {
    for (const bad of [
      '',
      'yesterday',
      '1756684800',
      '2026-09-01T00:00:00.1234567890Z',
      '2026-9-1T00:00:00Z',
      ' 2026-09-01T00:00:00Z',
      '2026-09-01T00:00:00Z ',
      '2026-09-01T00:00:00 Z',
    ])
      expect(parseInstant(bad)).toBeUndefined();
  });

  test('given two spellings of one instant, when parsed, then the canonical texts are equal', () => {
    expect(parseInstant('2026-09-10T05:25:00+03:00')).toBe(parseInstant('2026-09-10T02:25:00Z'));
    expect(parseInstant('2026-09-01T00:00:00.500+00:00')).toBe(
      parseInstant('2026-09-01T01:00:00.5+01:00'),
    );
  });

  // BUG: values/instant.ts:48 slices Date#toISOString, whose years outside 0000-9999 are
  // written with six digits and a sign, so the "canonical" text is malformed and sorts wrongly.
  test('given a time whose UTC year leaves 0000-9999, when parsed, then it is refused or stays canonical', () => {
    for (const edge of ['0000-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00']) {
      const parsed = parseInstant(edge);
      if (parsed !== undefined) expect(parseInstant(parsed)).toBe(parsed);
    }
  });
});

describe('instant ordering', () => {
  test('given instants, when compared, then the order is the order of time', () => {
    const earlier = instant('2026-09-01T00:00:00Z');
    const later = instant('2026-09-01T00:00:00.000000001Z');
    expect(compareInstants(earlier, later)).toBe(-1);
    expect(compareInstants(later, earlier)).toBe(1);
    expect(compareInstants(earlier, instant('2026-09-01T03:00:00+03:00'))).toBe(0);
    expect(isBefore(earlier, later)).toBe(true);
    expect(isBefore(later, earlier)).toBe(false);
    expect(isBefore(earlier, earlier)).toBe(false);
  });

  test('given a whole second and one with a fraction, when compared, then text order does not mislead', () => {
    // As plain text "...00Z" sorts after "...00.5Z" ('Z' > '.'); in time it is earlier.
    expect(isBefore(instant('2026-09-01T00:00:00Z'), instant('2026-09-01T00:00:00.5Z'))).toBe(true);
    expect(isBefore(instant('2026-09-01T00:00:00.5Z'), instant('2026-09-01T00:00:01Z'))).toBe(true);
    expect(isBefore(instant('2026-09-01T00:00:00.1Z'), instant('2026-09-01T00:00:00.09Z'))).toBe(
      false,
    );
  });

  test('given local times in different zones, when compared, then UTC decides', () => {
    // 02:00+03:00 is 23:00Z the day before, so it is earlier than 23:30Z that day.
    expect(isBefore(instant('2026-09-01T02:00:00+03:00'), instant('2026-08-31T23:30:00Z'))).toBe(
      true,
    );
  });
});

describe('effective-dated histories', () => {
  const t1 = instant('2026-09-01T00:00:00Z');
  const t2 = instant('2026-09-05T00:00:00Z');
  const history = changedAt(changedAt(emptyHistory, t1, 'first'), t2, 'second');

  test('given no changes, when looked up, then there is no value', () => {
    expect(valueAt(emptyHistory, t1)).toBeUndefined();
    expect(valueAt(undefined, t1)).toBeUndefined();
    expect(latest(emptyHistory)).toBeUndefined();
  });

  test('given changes, when looked up before the first, then there is no value', () => {
    expect(valueAt(history, instant('2026-08-31T23:59:59.999999999Z'))).toBeUndefined();
  });

  test('given changes, when looked up exactly at a change, then that change is in force', () => {
    expect(valueAt(history, t1)).toBe('first');
    expect(valueAt(history, t2)).toBe('second');
    expect(valueAt(history, instant('2026-09-05T03:00:00+03:00'))).toBe('second');
  });

  test('given changes, when looked up between and after them, then the last change before wins', () => {
    expect(valueAt(history, instant('2026-09-04T23:59:59.999999999Z'))).toBe('first');
    expect(valueAt(history, instant('2030-01-01T00:00:00Z'))).toBe('second');
  });

  test('given changes at equal times, when looked up, then the later-arriving one wins', () => {
    const equal = changedAt(changedAt(changedAt(emptyHistory, t1, 'a'), t1, 'b'), t1, 'c');
    expect(valueAt(equal, t1)).toBe('c');
    // The same instant spelled in another zone is an equal time too.
    const zoned = changedAt(equal, instant('2026-09-01T02:00:00+02:00'), 'd');
    expect(valueAt(zoned, t1)).toBe('d');
    expect(latest(zoned)?.value).toBe('d');
  });

  test('given a change added before existing ones, when looked up, then time order decides', () => {
    const late = changedAt(changedAt(emptyHistory, t2, 'second'), t1, 'first');
    expect(valueAt(late, instant('2026-09-03T00:00:00Z'))).toBe('first');
    expect(valueAt(late, t2)).toBe('second');
    expect(latest(late)?.value).toBe('second');
  });

  test('given sub-second changes, when looked up, then the fraction decides', () => {
    const fine = changedAt(emptyHistory, instant('2026-09-01T00:00:00.5Z'), 'half');
    expect(valueAt(fine, instant('2026-09-01T00:00:00Z'))).toBeUndefined();
    expect(valueAt(fine, instant('2026-09-01T00:00:00.499999999Z'))).toBeUndefined();
    expect(valueAt(fine, instant('2026-09-01T00:00:00.5Z'))).toBe('half');
    expect(valueAt(fine, instant('2026-09-01T00:00:01Z'))).toBe('half');
  });

  test('given a history, when a change is added, then the original is not modified', () => {
    const before = changedAt(emptyHistory, t1, 'first');
    changedAt(before, t1, 'other');
    expect(before).toHaveLength(1);
    expect(valueAt(before, t1)).toBe('first');
  });
});

describe('the decimal constructor', () => {
  test('given a JavaScript number, when made a decimal, then it is refused (no binary floats)', () => {
    expect(() => Decimal(0.1 as unknown as string)).toThrow();
  });
});
