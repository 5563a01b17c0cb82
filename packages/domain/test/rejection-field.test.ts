import { isLeft } from 'fp-ts/Either';
import { decodeCommand, decidePayoutResult, emptyPayoutBook } from '../src';
import {
  agentWithClient,
  bookOf,
  command,
  rejected,
  tradeEvents,
  tradeLine,
  tradeRejection,
} from './support';

/**
 * Every rejection names the input field it is about, decided where the rejection is decided, so
 * no edge reads the field out of the English reason (the HTTP problem's `field`).
 */

const refusal = (fields: Record<string, unknown>) => {
  const decoded = decodeCommand(fields);
  if (isLeft(decoded)) return decoded.left;
  throw new Error(`expected ${JSON.stringify(fields)} to be refused`);
};

describe('the decoders name the field at fault', () => {
  test.each([
    [{ lots: '1.005' }, 'lots', 'lots has more than 2 decimals'],
    [{ lots: null }, 'lots', 'lots is missing'],
    [{ closedAt: 'yesterday' }, 'closedAt', undefined],
    [{ openedAt: 'soon' }, 'openedAt', undefined],
    [{ accountId: ' A1' }, 'accountId', 'accountId must not start or end with white space'],
  ])('given a trade line with %j, then the field is %s', (fields, field, reason) => {
    const refused = refusal(tradeLine(fields));
    expect(refused.code).toBe('invalid-input');
    expect(refused.field).toBe(field);
    expect(refused.reason.startsWith(`${field} `)).toBe(true);
    if (reason !== undefined) expect(refused.reason).toBe(reason);
  });

  test('given no type or an unknown type, then the field is type', () => {
    expect(refusal({})).toEqual({
      code: 'invalid-input',
      reason: 'type is missing',
      field: 'type',
    });
    expect(refusal({ type: 'pay-me' })).toEqual({
      code: 'invalid-input',
      reason: 'type "pay-me" is not a known type',
      field: 'type',
    });
  });

  test('given a rate out of range, then the field is percent', () => {
    const refused = refusal({
      type: 'set-rebate-rate',
      partnerId: 'P1',
      percent: '101',
      at: '2026-09-01T00:00:00Z',
    });
    expect(refused).toEqual({
      code: 'invalid-input',
      reason: 'percent must be between 0 and 100',
      field: 'percent',
    });
  });
});

describe('the deciders name the field their rejection is about', () => {
  const book = bookOf(...agentWithClient);

  test('given a back-dated attachment, then the field is at', () => {
    const refused = rejected(book, {
      type: 'attach-client',
      partnerId: 'P1',
      clientId: 'C2',
      at: '2026-08-01T00:00:00Z',
    });
    expect(refused).toMatchObject({ code: 'back-dated', field: 'at' });
  });

  test('given a second registration, then the field is partnerId', () => {
    const refused = rejected(book, {
      type: 'register-partner',
      partnerId: 'P1',
      model: 'agent',
      at: '2026-09-02T00:00:00Z',
    });
    expect(refused).toEqual({
      code: 'already-registered',
      reason: 'partner P1 already registered',
      field: 'partnerId',
    });
  });

  test('given a trade opened after it closed, then the field is openedAt', () => {
    expect(tradeRejection(book, tradeLine({ openedAt: '2026-09-11T00:00:00Z' }))).toEqual({
      code: 'invalid-input',
      reason: 'openedAt must not be after closedAt',
      field: 'openedAt',
    });
  });

  test('given a stored trade, when it arrives with other lots, then the field is tradeId', () => {
    const history = tradeEvents(book, tradeLine());
    expect(tradeRejection(book, tradeLine({ lots: '2' }), history)).toEqual({
      code: 'conflicting-trade',
      reason: 'conflicting duplicate of trade T1',
      field: 'tradeId',
    });
  });

  test('given no such trade, when it is cancelled, then the field is tradeId', () => {
    const cancel = { type: 'trade-cancelled', tradeId: 'T9', at: '2026-09-10T00:00:00Z' };
    expect(tradeRejection(book, cancel)).toEqual({
      code: 'unknown-trade',
      reason: 'unknown trade T9',
      field: 'tradeId',
    });
  });

  test('given no such payout, when its result arrives, then the field is payoutId', () => {
    const result = command({
      type: 'payout-completed',
      payoutId: '2026-09-04T00:00:00Z/C1',
      at: '2026-09-05T00:00:00Z',
    });
    if (result.type !== 'payout-completed') throw new Error('not a payout result');
    const decision = decidePayoutResult(result, emptyPayoutBook);
    expect(isLeft(decision) && decision.left).toEqual({
      code: 'unknown-payout',
      reason: 'unknown payout 2026-09-04T00:00:00Z/C1',
      field: 'payoutId',
    });
  });
});
