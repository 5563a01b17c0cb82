import { describe, expect, it } from '@jest/globals';
import { rateInForce } from '../src/api/rate-in-force';
import type { Agreement } from '../src/api/types';
import { groupDigits, isNegative } from '../src/format/decimal';
import { daysBetween } from '../src/format/day-range';
import { utcInstant } from '../src/format/time';

describe('decimal display', () => {
  it.each([
    ['0', '0'],
    ['755.55', '755.55'],
    ['1234567.891', '1,234,567.891'],
    ['-225', '−225'],
    ['12345678901234567890.000001', '12,345,678,901,234,567,890.000001'],
    ['abc', 'abc'],
  ])('%s is shown as %s, digit for digit', (value, shown) => {
    expect(groupDigits(value)).toBe(shown);
  });

  it('knows a negative amount without a number', () => {
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0')).toBe(false);
    expect(isNegative('5')).toBe(false);
  });
});

describe('days of a range', () => {
  it('lists every UTC day, across a month end', () => {
    expect(daysBetween('2026-08-30', '2026-09-02')).toEqual([
      '2026-08-30',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(daysBetween('2026-09-02', '2026-09-01')).toEqual([]);
  });
});

describe('rate in force', () => {
  const agreement = (over: Partial<Agreement>): Agreement => ({
    partnerId: 'IB-1',
    model: 'agent',
    defaultRate: '20',
    suspended: false,
    clients: [
      { clientId: 'c-ind', individualRate: '30', suspended: false, cancelled: false },
      { clientId: 'c-sus', individualRate: '30', suspended: true, cancelled: false },
      { clientId: 'c-can', individualRate: null, suspended: false, cancelled: true },
    ],
    history: [],
    ...over,
  });

  it('follows the rules: suspended, individual, cancelled, default, none', () => {
    expect(rateInForce(agreement({}), 'c-ind')).toEqual({ percent: '30', rule: 'individual' });
    expect(rateInForce(agreement({}), 'c-sus')).toEqual({ percent: '0', rule: 'suspended' });
    expect(rateInForce(agreement({}), 'c-can')).toEqual({ percent: '0', rule: 'cancelled' });
    expect(rateInForce(agreement({}), 'other')).toEqual({ percent: '20', rule: 'default' });
    expect(rateInForce(agreement({ defaultRate: null }), 'other')).toEqual({
      percent: '0',
      rule: 'none',
    });
    expect(rateInForce(agreement({ suspended: true }), 'c-ind').rule).toBe('suspended');
    expect(rateInForce(agreement({ model: 'referral' }), 'c-ind').rule).toBe('none');
  });
});

describe('as-of input', () => {
  it.each([
    ['2026-12-02T15:04', '2026-12-02T15:04:00Z'],
    ['2026-12-02T15:04:05', '2026-12-02T15:04:05Z'],
    ['2026-12-02T15:04:05.250', '2026-12-02T15:04:05Z'],
  ])('the UTC text %s is the instant %s', (typed, instant) => {
    expect(utcInstant(typed)).toBe(instant);
  });

  it('an empty or malformed text is no instant (the view stays live)', () => {
    expect(utcInstant('')).toBeUndefined();
    expect(utcInstant('2026-12-02')).toBeUndefined();
  });
});
