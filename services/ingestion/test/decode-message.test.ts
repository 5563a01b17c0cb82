import { isLeft, isRight } from 'fp-ts/Either';
import type { SourceMessage } from '@rebate/trade-source';
import { decodeTradeMessage } from '../src/decode-message';

const message = (value: Buffer | string | null): SourceMessage => ({
  topic: 't',
  partition: 0,
  offset: '7',
  key: Buffer.from('C1'),
  value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
  headers: [],
  timestamp: '0',
});

const reasonOf = (value: Buffer | string | null) => {
  const decoded = decodeTradeMessage(message(value));
  return isLeft(decoded) ? decoded.left : undefined;
};

const trade = {
  type: 'trade-closed',
  tradeId: 'T1',
  clientId: 'C1',
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots: '1.25',
  closedAt: '2026-09-01T10:00:00Z',
};

describe('decodeTradeMessage', () => {
  test('trade-closed and trade-cancelled JSON decode with the domain codecs, numbers kept exact', () => {
    const closed = decodeTradeMessage(message(JSON.stringify(trade)));
    expect(isRight(closed) && closed.right.type).toBe('trade-closed');
    const exact = decodeTradeMessage(message(JSON.stringify(trade).replace('"1.25"', '1.25')));
    expect(
      isRight(exact) && exact.right.type === 'trade-closed' && exact.right.lots.toFixed(),
    ).toBe('1.25');
    const cancelled = decodeTradeMessage(
      message('{"type":"trade-cancelled","tradeId":"T1","at":"2026-09-01T11:00:00Z"}'),
    );
    expect(isRight(cancelled) && cancelled.right.type).toBe('trade-cancelled');
  });

  test('refusals are invalid-input with a reason naming what is wrong', () => {
    expect(reasonOf(null)).toEqual({ code: 'invalid-input', reason: 'message has no value' });
    expect(reasonOf(Buffer.from([0xff, 0xfe]))?.reason).toBe('not valid UTF-8 text');
    expect(reasonOf('{"type":')?.reason).toBe('not a JSON object');
    expect(reasonOf(JSON.stringify({ ...trade, lots: '1.005' }))?.reason).toMatch(/^lots /);
    expect(reasonOf(JSON.stringify({ ...trade, closedAt: undefined }))?.reason).toBe(
      'closedAt is missing',
    );
    expect(reasonOf('{"type":"run-payouts","at":"2026-09-01T10:00:00Z"}')).toEqual({
      code: 'invalid-input',
      reason: 'type "run-payouts" is not a trade message (trade-closed, trade-cancelled)',
    });
  });

  test('given the section-14 input grammar, a message is refused exactly as a line is', () => {
    const json = JSON.stringify(trade);
    expect(reasonOf(json.replace('"C1"', '"\\ud800"'))?.reason).toBe(
      'clientId must not contain a lone surrogate',
    );
    expect(reasonOf(json.replace('"EURUSD"', '"EUR\\u0000USD"'))?.reason).toBe(
      'symbol must not contain a control character',
    );
    expect(reasonOf(json.replace('"C1"', '" C1"'))?.reason).toBe(
      'clientId must not start or end with white space',
    );
    expect(reasonOf(json.replace('"lots":"1.25"', '"lots":"1.25","lots":"1.25"'))?.reason).toBe(
      'lots appears more than once',
    );
    expect(reasonOf(json.replace('"1.25"', '".5"'))?.reason).toBe('lots must be a decimal number');
    expect(reasonOf(`\ufeff${json}`)?.reason).toBe('not a JSON object');
    const invalid = Buffer.concat([
      Buffer.from(json.slice(0, 30)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(json.slice(30)),
    ]);
    expect(reasonOf(invalid)?.reason).toBe('not valid UTF-8 text');
  });
});
