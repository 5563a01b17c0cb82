import { isLeft, isRight } from 'fp-ts/Either';
import fc from 'fast-check';
import * as t from 'io-ts';
import {
  Days,
  Identifier,
  MinHoldSeconds,
  PayoutIdText,
  Reason,
  compareCodePoints,
  decodeLine,
  decodeLineBytes,
  decodedLines,
  formatDecimal,
  linesOfBytes,
  parseInstant,
  parseJsonText,
  linesOfChunks,
  reasonOf,
  type TradeClosed,
} from '../src';
import { propertySeed } from './support';

/**
 * Rules section 14, clause by clause: each example is a line (or a field value) and the reason
 * it is refused, which names the field.
 */

const at = '2026-09-01T00:00:00Z';
const tradeLine = (fields: Record<string, unknown> = {}) => ({
  type: 'trade-closed',
  tradeId: 'T1',
  clientId: 'C1',
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots: '1',
  closedAt: at,
  ...fields,
});

const reasonOfLine = (line: string): string | undefined => {
  const decoded = decodeLine(line);
  return isLeft(decoded) ? decoded.left : undefined;
};
const reasonOfFields = (fields: Record<string, unknown>) => reasonOfLine(JSON.stringify(fields));
const decodeWith = <A>(codec: t.Type<A, unknown, unknown>, value: unknown): A | string => {
  const decoded = t.type({ field: codec }).decode({ field: value });
  return isLeft(decoded) ? reasonOf(decoded.left) : decoded.right.field;
};
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('section 14, times', () => {
  const closedAt = (text: unknown) => {
    const decoded = decodeLine(JSON.stringify(tradeLine({ closedAt: text })));
    return isLeft(decoded) ? decoded.left : (decoded.right as { closedAt: string }).closedAt;
  };
  const refused = 'closedAt must be an ISO-8601 time with a zone';

  test.each([
    ['2026-09-01T10:00:00Z', '2026-09-01T10:00:00Z'],
    ['2026-09-01t10:00:00Z', '2026-09-01T10:00:00Z'],
    ['2026-09-01 10:00:00Z', '2026-09-01T10:00:00Z'],
    ['2026-09-01T10:00Z', '2026-09-01T10:00:00Z'],
    ['2026-09-01T10:00:00.5Z', '2026-09-01T10:00:00.5Z'],
    ['2026-09-01T10:00:00,25Z', '2026-09-01T10:00:00.25Z'],
    ['2026-09-01T10:00:00.123456789Z', '2026-09-01T10:00:00.123456789Z'],
    ['2026-09-01T10:00:00.000Z', '2026-09-01T10:00:00Z'],
    ['2026-09-01T10:00:00z', '2026-09-01T10:00:00Z'],
    ['2026-09-01T13:30:00+03:30', '2026-09-01T10:00:00Z'],
    ['2026-09-01T13:30:00+0330', '2026-09-01T10:00:00Z'],
    ['2026-09-01T13:00:00+03', '2026-09-01T10:00:00Z'],
    ['2026-09-01T00:00:00-23:59', '2026-09-01T23:59:00Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0000-12-31T23:30:00-01:00', '0001-01-01T00:30:00Z'],
    ['9999-12-31T23:59:59.999999999Z', '9999-12-31T23:59:59.999999999Z'],
  ])('given %s, when decoded, then it is the instant %s', (text, canonical) => {
    expect(closedAt(text)).toBe(canonical);
  });

  test.each([
    ['no zone', '2026-09-01T10:00:00'],
    ['a date alone', '2026-09-01'],
    ['basic format', '20260901T100000Z'],
    ['a week date', '2026-W36-2T10:00:00Z'],
    ['an ordinal date', '2026-244T10:00:00Z'],
    ['two spaces', '2026-09-01  10:00:00Z'],
    ['another separator', '2026-09-01_10:00:00Z'],
    ['hours alone', '2026-09-01T10Z'],
    ['a fraction without seconds', '2026-09-01T10:00.5Z'],
    ['a fraction of 10 digits', '2026-09-01T10:00:00.1234567890Z'],
    ['an empty fraction', '2026-09-01T10:00:00.Z'],
    ['offset hours 24', '2026-09-01T10:00:00+24:00'],
    ['offset minutes 60', '2026-09-01T10:00:00+01:60'],
    ['an offset of one digit', '2026-09-01T10:00:00+1'],
    ['an offset with seconds', '2026-09-01T10:00:00+01:00:00'],
    ['a named zone', '2026-09-01T10:00:00 UTC'],
    ['a day that does not exist', '2026-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-09-00T00:00:00Z'],
    ['hour 24', '2026-09-01T24:00:00Z'],
    ['minute 60', '2026-09-01T10:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['year 0 in UTC', '0000-12-31T23:00:00Z'],
    ['year 10000 in UTC', '9999-12-31T23:00:00-02:00'],
    ['a five-digit year', '12026-09-01T00:00:00Z'],
    ['white space around', ' 2026-09-01T10:00:00Z'],
    ['non-ASCII digits', '٢٠٢٦-09-01T10:00:00Z'],
  ])('given %s (%s), when decoded, then closedAt is refused', (_what, text) => {
    expect(closedAt(text)).toBe(refused);
  });

  test('given a number, when decoded, then closedAt is refused', () => {
    expect(closedAt(1_788_000_000)).toBe(refused);
  });

  test('given times a nanosecond apart, when compared, then they differ; equal instants are equal', () => {
    expect(parseInstant('2026-09-01T10:00:00.000000001Z')).not.toBe(
      parseInstant('2026-09-01T10:00:00Z'),
    );
    expect(parseInstant('2026-09-01T13:00:00.100+03:00')).toBe(
      parseInstant('2026-09-01T10:00:00,1Z'),
    );
  });
});

describe('section 14, decimals', () => {
  const lots = (value: unknown): string => {
    const decoded = decodeLine(JSON.stringify(tradeLine({ lots: value })));
    return isLeft(decoded) ? decoded.left : formatDecimal((decoded.right as TradeClosed).lots);
  };

  test.each([
    ['1e2', '100'],
    ['1E2', '100'],
    ['+1', '1'],
    ['1.50', '1.5'],
    ['1e-2', '0.01'],
    ['2.5e-1', '0.25'],
    ['000.10', '0.1'],
    ['999999999999999999999e-1', '99999999999999999999.9'],
  ])('given the string %s, when decoded, then lots is %s', (text, value) => {
    expect(lots(text)).toBe(value);
  });

  test('given a JSON number, when decoded, then its exact value is kept', () => {
    const line = JSON.stringify(tradeLine()).replace('"lots":"1"', '"lots":1234567890123456789.25');
    const decoded = decodeLine(line);
    expect(isRight(decoded) && formatDecimal((decoded.right as TradeClosed).lots)).toBe(
      '1234567890123456789.25',
    );
    expect(reasonOfLine(line)).toBeUndefined();
  });

  test.each([
    ' 1',
    '1 ',
    '.5',
    '5.',
    '1_000',
    '0x10',
    '1,5',
    '',
    '+',
    '-',
    'e2',
    '1e',
    '1e+',
    '١',
    'Infinity',
    'NaN',
    '--1',
    '+-1',
    '1e2.5',
    '\u00a01',
  ])('given the string %j, when decoded, then lots must be a decimal number', (text) => {
    expect(lots(text)).toBe('lots must be a decimal number');
  });

  test('given a magnitude of 10^21 or more, when decoded, then it is too large', () => {
    expect(lots('1e21')).toBe('lots is too large');
    expect(lots('1000000000000000000000')).toBe('lots is too large');
    expect(reasonOfFields(tradeLine({ lots: '-1e21' }))).toBe('lots is too large');
    expect(lots('999999999999999999999.99')).toBe('999999999999999999999.99');
    expect(lots('1e99999999999999999999')).toBe('lots is too large');
  });

  test('given decimals counted on the value, when decoded, then trailing zeros do not count', () => {
    expect(lots('1.2300000')).toBe('1.23');
    expect(lots('1.234')).toBe('lots has more than 2 decimals');
    expect(lots('1e-3')).toBe('lots has more than 2 decimals');
    expect(lots('1e-99999999999999999999')).toBe('lots has more than 2 decimals');
  });

  test('given whole numbers (days, minHoldSeconds), when decoded, then only values without decimals in range pass', () => {
    expect(decodeWith(Days, '30')).toBe(30);
    expect(decodeWith(Days, '1e2')).toBe(100);
    expect(decodeWith(Days, '1.0')).toBe(1);
    expect(decodeWith(Days, '-0')).toBe(0);
    expect(decodeWith(Days, '365')).toBe(365);
    expect(decodeWith(Days, '366')).toBe('field must be between 0 and 365');
    expect(decodeWith(Days, '-1')).toBe('field must be between 0 and 365');
    expect(decodeWith(Days, '1.5')).toBe('field must be a whole number');
    expect(decodeWith(Days, '1e-1')).toBe('field must be a whole number');
    expect(decodeWith(Days, ' 1')).toBe('field must be a decimal number');
    expect(decodeWith(Days, '1e21')).toBe('field is too large');
    expect(decodeWith(Days, null)).toBe('field is missing');
    expect(decodeWith(MinHoldSeconds, '604800')).toBe(604_800);
    expect(decodeWith(MinHoldSeconds, '604801')).toBe('field must be between 0 and 604800');
    const number = JSON.parse('{"d":2}', (_k, v: unknown) => v) as { d: number };
    expect(decodeWith(Days, number.d)).toBe('field must be a decimal number'); // a JS number is never input
    const line = decodeLine('{"type":"run-payouts","at":"2026-09-01T00:00:00Z","minimumUsd":1e1}');
    expect(isRight(line)).toBe(true);
  });
});

describe('section 14, identifiers', () => {
  const partnerId = (value: unknown) =>
    reasonOfFields({ type: 'register-partner', partnerId: value, model: 'agent', at });

  test.each([
    ['one character', 'P'],
    ['128 code points', 'x'.repeat(128)],
    ['128 characters beyond U+FFFF (256 UTF-16 units)', '😀'.repeat(128)],
    ['inner spaces', 'P 16'],
    ['accents and scripts', 'Ünïcödé-合作伙伴'],
    ['a byte-order mark inside (not white space)', 'P\ufeff1'],
    ['a zero-width space at the end (not White_Space)', 'P1\u200b'],
  ])('given %s, when decoded, then the identifier is accepted', (_what, value) => {
    expect(partnerId(value)).toBeUndefined();
  });

  test.each([
    ['not a string', 16, 'must be a string'],
    ['empty', '', 'must not be empty'],
    ['129 code points', 'x'.repeat(129), 'must be at most 128 characters'],
    ['129 characters beyond U+FFFF', '😀'.repeat(129), 'must be at most 128 characters'],
    ['a NUL', 'P\u00001', 'must not contain a control character'],
    ['a tab', 'P\t1', 'must not contain a control character'],
    ['DEL', 'P\u007f', 'must not contain a control character'],
    ['U+009F', 'P\u009f', 'must not contain a control character'],
    ['U+0085 (NEL)', '\u0085P', 'must not contain a control character'],
    ['a lone high surrogate', '\ud800', 'must not contain a lone surrogate'],
    ['a lone low surrogate', 'P\udc00', 'must not contain a lone surrogate'],
    ['a leading space', ' P16', 'must not start or end with white space'],
    ['a trailing space', 'P16 ', 'must not start or end with white space'],
    ['a no-break space', 'P16\u00a0', 'must not start or end with white space'],
    ['U+2028', '\u2028P16', 'must not start or end with white space'],
    ['an ideographic space', 'P16\u3000', 'must not start or end with white space'],
    ['only white space', '\u2003', 'must not start or end with white space'],
  ])('given %s, when decoded, then partnerId is refused', (_what, value, reason) => {
    expect(partnerId(value)).toBe(`partnerId ${reason}`);
  });

  test('given a lone surrogate written as an escape, when decoded, then clientId is refused', () => {
    expect(
      reasonOfLine(JSON.stringify(tradeLine()).replace('"clientId":"C1"', '"clientId":"\\ud800"')),
    ).toBe('clientId must not contain a lone surrogate');
    expect(reasonOfLine(JSON.stringify(tradeLine({ symbol: 'EUR\u0000USD' })))).toBe(
      'symbol must not contain a control character',
    );
  });

  test.each(['partnerId', 'clientId', 'tradeId', 'accountType', 'symbol', 'accountId', 'model'])(
    'given %s with white space at an end, when decoded, then it is named',
    (field) => {
      const line =
        field === 'model' || field === 'partnerId'
          ? { type: 'register-partner', partnerId: 'P1', model: 'agent', at, [field]: ' x' }
          : tradeLine({ [field]: ' x' });
      const fixed =
        field === 'partnerId'
          ? { type: 'attach-client', partnerId: ' x', clientId: 'C', at }
          : line;
      expect(reasonOfFields(fixed)).toBe(`${field} must not start or end with white space`);
    },
  );

  test('given identifiers that differ in case, when decoded, then they are kept exactly', () => {
    const fixed = decodeLine(JSON.stringify(tradeLine({ accountType: 'fixed' })));
    expect(isRight(fixed) && (fixed.right as { accountType: string }).accountType).toBe('fixed');
  });

  test('given reason and payoutId, when decoded, then their own lengths apply', () => {
    expect(decodeWith(Reason, 'bank rejected')).toBe('bank rejected');
    expect(decodeWith(Reason, 'é'.repeat(1000))).toBe('é'.repeat(1000));
    expect(decodeWith(Reason, 'x'.repeat(1001))).toBe('field must be at most 1000 characters');
    expect(decodeWith(Reason, ' late')).toBe('field must not start or end with white space');
    expect(decodeWith(Reason, '')).toBe('field must not be empty');
    expect(decodeWith(Reason, 'a\nb')).toBe('field must not contain a control character');
    expect(decodeWith(PayoutIdText, '2026-09-30T00:00:00Z/C 1')).toBe('2026-09-30T00:00:00Z/C 1');
    expect(decodeWith(PayoutIdText, 'x'.repeat(300))).toBe('x'.repeat(300));
    expect(decodeWith(PayoutIdText, 'x'.repeat(301))).toBe('field must be at most 300 characters');
    expect(decodeWith(PayoutIdText, 7)).toBe('field must be a string');
    expect(decodeWith(Identifier, null)).toBe('field is missing');
  });
});

describe('section 14, lines', () => {
  const reasonsOf = (bytes: Uint8Array) =>
    [...decodedLines(linesOfBytes(bytes))].map(({ line, decoded }) =>
      isLeft(decoded) ? { line, reason: decoded.left } : { line, type: decoded.right.type },
    );
  const cancel = '{"type":"trade-cancelled","tradeId":"T1","at":"2026-09-01T00:00:00Z"}';

  test('given invalid UTF-8 bytes, when decoded, then the line is refused and never becomes U+FFFD', () => {
    const bytes = utf8(cancel.replace('T1', 'T\u00e9'));
    const broken = bytes.slice();
    broken[broken.indexOf(0xc3)] = 0xff;
    expect(decodeLineBytes(broken)).toEqual({ _tag: 'Left', left: 'not valid UTF-8 text' });
    const overlong = new Uint8Array([
      ...utf8(cancel.slice(0, 40)),
      0xc0,
      0xaf,
      ...utf8(cancel.slice(40)),
    ]);
    expect(decodeLineBytes(overlong)).toEqual({ _tag: 'Left', left: 'not valid UTF-8 text' });
    const surrogateBytes = new Uint8Array([
      ...utf8('{"type":"trade-cancelled","tradeId":"'),
      0xed,
      0xa0,
      0x80,
      ...utf8('","at":"2026-09-01T00:00:00Z"}'),
    ]);
    expect(decodeLineBytes(surrogateBytes)).toEqual({
      _tag: 'Left',
      left: 'not valid UTF-8 text',
    });
  });

  test('given a BOM at the very start, when read, then it is ignored; a BOM on a later line is refused', () => {
    const file = utf8(`\ufeff${cancel}\n\ufeff${cancel}\n`);
    expect(reasonsOf(file)).toEqual([
      { line: 1, type: 'trade-cancelled' },
      { line: 2, reason: 'not a JSON object' },
    ]);
    expect(reasonsOf(utf8(`\ufeff\ufeff${cancel}`))).toEqual([
      { line: 1, reason: 'not a JSON object' },
    ]);
  });

  test('given CRLF and CRs, when read, then a CR before LF is dropped and any other CR is JSON white space', () => {
    const file = utf8(`${cancel}\r\n\r${cancel.replace(',', ',\r')}\r\r\n${cancel}\r`);
    expect(reasonsOf(file)).toEqual([
      { line: 1, type: 'trade-cancelled' },
      { line: 2, type: 'trade-cancelled' },
      { line: 3, type: 'trade-cancelled' },
    ]);
  });

  test('given blank lines of spaces, tabs and CRs, when read, then they are skipped and still numbered', () => {
    expect(reasonsOf(utf8(`\n \t\r\n\r\r\n   \n${cancel}\n\n`))).toEqual([
      { line: 5, type: 'trade-cancelled' },
    ]);
  });

  test.each([
    ['U+00A0', '\u00a0'],
    ['U+2028', '\u2028'],
    ['U+3000', '\u3000'],
    ['a BOM', '\ufeff'],
    ['a form feed', '\f'],
    ['a vertical tab', '\v'],
    ['NUL', '\u0000'],
  ])('given a line of %s only, when read, then it is not blank: it is refused', (_what, char) => {
    expect(reasonsOf(utf8(`${cancel}\n${char}\n`))).toEqual([
      { line: 1, type: 'trade-cancelled' },
      { line: 2, reason: 'not a JSON object' },
    ]);
  });

  test.each([
    ['an array', '[{"type":"run-payouts","at":"2026-09-01T00:00:00Z"}]'],
    ['two objects', `${cancel}${cancel}`],
    ['a string', '"trade-cancelled"'],
    ['a number', '7'],
    ['null', 'null'],
    ['a trailing comma', '{"type":"run-payouts","at":"2026-09-01T00:00:00Z",}'],
    ['a comment', `${cancel} // note`],
    ['a raw tab inside a string', '{"type":"run-payouts","at":"2026-09-01T00:00:00Z","note":"\t"}'],
    ['U+00A0 around the object', `\u00a0${cancel}`],
  ])('given %s, when decoded, then it is not a JSON object', (_what, line) => {
    expect(reasonOfLine(line)).toBe('not a JSON object');
  });

  test('given a key that appears twice, when decoded, then the line is refused even with equal values', () => {
    expect(reasonOfLine(cancel.replace('"tradeId":"T1"', '"tradeId":"T1","tradeId":"T1"'))).toBe(
      'tradeId appears more than once',
    );
    expect(reasonOfLine(cancel.replace('"tradeId":"T1"', '"tradeId":"T1","tradeId":"T2"'))).toBe(
      'tradeId appears more than once',
    );
    expect(
      reasonOfLine(cancel.replace('"tradeId":"T1"', '"tradeId":"T1","trade\\u0049d":"T1"')),
    ).toBe('tradeId appears more than once');
    expect(reasonOfLine(cancel.replace('}', ',"note":1,"note":1}'))).toBe(
      'note appears more than once',
    );
    expect(reasonOfLine(cancel.replace('}', ',"meta":{"a":[{"b":1,"b":1}]}}'))).toBe(
      'meta.a.b appears more than once',
    );
    expect(reasonOfLine(cancel.replace('}', ',"meta":{"a":{},"b":{"a":1}}}'))).toBeUndefined();
    expect(
      reasonOfLine(cancel.replace('}', ',"m":[{"a":1},{"a":1}],"k":"\\"a\\":"}')),
    ).toBeUndefined();
  });

  test('given null, when decoded, then in an optional field it is absent and in a required one missing', () => {
    const decoded = decodeLine(JSON.stringify(tradeLine({ accountId: null })));
    expect(isRight(decoded) && 'accountId' in decoded.right && decoded.right.accountId).toBe(
      undefined,
    );
    expect(reasonOfFields(tradeLine({ clientId: null }))).toBe('clientId is missing');
    expect(reasonOfFields(tradeLine({ lots: null }))).toBe('lots is missing');
    expect(reasonOfFields(tradeLine({ closedAt: null }))).toBe('closedAt is missing');
    expect(reasonOfFields(tradeLine({ type: null }))).toBe('type is missing');
  });

  test('given a line split across chunks, when read as a stream, then the cut is invisible', async () => {
    const file = utf8(`\ufeff${cancel}\r\n${cancel}`);
    const chunks = [...file].map((byte) => new Uint8Array([byte]));
    const lines: string[] = [];
    for await (const line of linesOfChunks(chunks)) lines.push(new TextDecoder().decode(line));
    expect(lines).toEqual([cancel, cancel]);
  });
});

describe('section 14, order', () => {
  test('given ids beyond U+FFFF and in U+E000-U+FFFF, when compared, then code point order holds, not UTF-16', () => {
    const ids = ['C\u{1F600}', 'C\uFF5E', 'C\uE000', 'C', 'Cz', 'C\u00e9'];
    expect([...ids].sort(compareCodePoints)).toEqual([
      'C',
      'Cz',
      'C\u00e9',
      'C\uE000',
      'C\uFF5E',
      'C\u{1F600}',
    ]);
    expect([...ids].sort()).not.toEqual([...ids].sort(compareCodePoints));
    const bytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...ids].sort(compareCodePoints)).toEqual(bytes);
  });
});

describe('section 14, repeated keys at any depth (property)', () => {
  type Json = string | number | null | Json[] | { entries: [string, Json][] };
  const key = fc.constantFrom('a', 'b', 'type', '\u00e9', 'a\\', '"', '\u{1F600}', '');
  const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.record({ entries: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }) }),
    ),
  })).value;
  const escapes = (text: string, escaped: boolean) =>
    escaped
      ? `"${[...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(text);
  const write = (value: Json, escaped: boolean): string =>
    value === null || typeof value !== 'object'
      ? JSON.stringify(value)
      : Array.isArray(value)
        ? `[${value.map((item) => write(item, escaped)).join(', ')}]`
        : `{ ${value.entries.map(([k, v]) => `${escapes(k, escaped)} : ${write(v, escaped)}`).join(' ,')} }`;
  const repeats = (value: Json): boolean =>
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value)
      ? value.some(repeats)
      : new Set(value.entries.map(([k]) => k)).size < value.entries.length ||
        value.entries.some(([, v]) => repeats(v)));

  test('given any JSON, when parsed, then it is refused exactly when some object repeats a key', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, escaped) => {
        const parsed = parseJsonText(write(value, escaped));
        expect(isLeft(parsed) ? parsed.left.kind : 'ok').toBe(
          repeats(value) ? 'repeated-key' : 'ok',
        );
      }),
      { seed: propertySeed('repeated keys'), numRuns: 500 },
    );
  });
});
