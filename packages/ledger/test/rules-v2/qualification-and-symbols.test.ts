import {
  attach,
  client,
  partner,
  rate,
  reasons,
  register,
  remuneration,
  simulate,
  trade,
} from './support';

/** Rules section 11 (qualifying trades) and section 13 (remuneration per symbol), by hand. */

const qualification = (minHoldSeconds: number | string, extra: Record<string, unknown> = {}) => ({
  type: 'set-qualification',
  minHoldSeconds,
  at: '2026-11-01T00:00:00Z',
  ...extra,
});
const base = [remuneration('15'), register('P'), attach('P', 'alice'), rate('P', '20')];
const closedAt = '2026-11-02T10:00:00Z';

describe('qualifying trades (rules section 11)', () => {
  test('given a 120 s minimum, then a trade held 119.999999999 s earns nothing and one held 120 s earns', async () => {
    const report = await simulate([
      ...base,
      qualification(120),
      trade('short', 'alice', '1', { openedAt: '2026-11-02T09:58:00.000000001Z', closedAt }),
      trade('exact', 'alice', '1', { openedAt: '2026-11-02T09:58:00Z', closedAt }),
    ]);
    expect(report.unqualified).toBe(1);
    // Both count in trades and lots; only "exact" earns 15 (rebate 3).
    expect(partner(report, 'P')).toMatchObject({
      trades: 2,
      lots: '2',
      remuneration: '15',
      rebates: '3',
    });
  });

  test('given openedAt equal to closedAt, then it qualifies only with no minimum in force', async () => {
    const zero = await simulate([
      ...base,
      trade('T1', 'alice', '1', { openedAt: closedAt, closedAt }),
    ]);
    expect([zero.unqualified, partner(zero, 'P')?.remuneration]).toEqual([0, '15']);
    const held = await simulate([
      ...base,
      qualification(1),
      trade('T1', 'alice', '1', { openedAt: closedAt, closedAt }),
    ]);
    expect([held.unqualified, partner(held, 'P')?.remuneration]).toEqual([1, '0']);
  });

  test('given a minimum above 0, then a trade without openedAt does not qualify', async () => {
    const report = await simulate([...base, qualification(1), trade('T1', 'alice', '1')]);
    expect(report.unqualified).toBe(1);
    expect(client(report, 'alice')).toMatchObject({ trades: 1, lots: '1', rebates: '0' });
  });

  test("given a partner minimum of 0, then it relaxes the broker-wide one for that partner's trades", async () => {
    const report = await simulate([
      ...base,
      register('Q'),
      attach('Q', 'bob'),
      qualification(3600),
      qualification(0, { partnerId: 'P' }),
      trade('T1', 'alice', '1'),
      trade('T2', 'bob', '1'),
    ]);
    expect(report.unqualified).toBe(1);
    expect(partner(report, 'P')?.remuneration).toBe('15');
    expect(partner(report, 'Q')?.remuneration).toBe('0');
  });

  test('given a minimum set after a trade closed, then the late-arriving trade is judged at its close', async () => {
    const report = await simulate([
      ...base,
      qualification(600, { at: '2026-11-03T00:00:00Z' }),
      trade('T1', 'alice', '1', { closedAt }),
    ]);
    expect(report.unqualified).toBe(0);
  });

  test('given an unqualified trade that is voided, then it no longer counts in unqualified', async () => {
    const report = await simulate([
      ...base,
      qualification(60),
      trade('T1', 'alice', '1'),
      { type: 'trade-cancelled', tradeId: 'T1', at: '2026-11-03T00:00:00Z' },
    ]);
    expect(report.unqualified).toBe(0);
    expect(partner(report, 'P')).toMatchObject({ trades: 0, lots: '0' });
  });

  test('given openedAt after closedAt, then the trade is rejected', async () => {
    const report = await simulate([
      ...base,
      trade('T1', 'alice', '1', { openedAt: '2026-11-02T10:00:00.000000001Z', closedAt }),
    ]);
    expect(reasons(report)).toEqual([[5, 'openedAt must not be after closedAt']]);
  });

  test('given openedAt, then it is part of the content: same instant is a duplicate, absent or other is a conflict', async () => {
    const first = trade('T1', 'alice', '1', { openedAt: '2026-11-02T09:00:00Z' });
    const report = await simulate([
      ...base,
      first,
      trade('T1', 'alice', '1', { openedAt: '2026-11-02T11:00:00+02:00' }),
      trade('T1', 'alice', '1'),
      trade('T1', 'alice', '1', { openedAt: '2026-11-02T09:00:01Z' }),
    ]);
    expect(report.duplicates).toBe(1);
    expect(reasons(report).map(([line]) => line)).toEqual([7, 8]);
  });

  test('given minHoldSeconds that is not a whole number from 0 to 604800, then the line is rejected naming it', async () => {
    const report = await simulate([
      qualification('1.5'),
      qualification(604801),
      qualification(-1),
      qualification('abc'),
      qualification('1e2'),
      qualification('604800'),
    ]);
    expect(reasons(report).map(([line, reason]) => [line, String(reason).split(' ')[0]])).toEqual([
      [1, 'minHoldSeconds'],
      [2, 'minHoldSeconds'],
      [3, 'minHoldSeconds'],
      [4, 'minHoldSeconds'],
    ]);
  });

  test('given broker-wide commands, then qualification, remuneration and the hold share one watermark', async () => {
    const report = await simulate([
      qualification(10, { at: '2026-11-05T00:00:00Z' }),
      remuneration('15', { at: '2026-11-04T00:00:00Z' }),
      { type: 'set-payout-hold', days: 1, at: '2026-11-04T00:00:00Z' },
      qualification(10, { at: '2026-11-04T00:00:00Z' }),
      register('P', { at: '2026-11-01T00:00:00Z' }),
      qualification(10, { partnerId: 'P', at: '2026-11-02T00:00:00Z' }),
    ]);
    expect(reasons(report).map(([line]) => line)).toEqual([2, 3, 4]);
  });
});

describe('remuneration per symbol (rules section 13)', () => {
  const schedules = [
    register('P'),
    register('Q'),
    attach('P', 'alice'),
    attach('Q', 'bob'),
    remuneration('10'),
    remuneration('20', { symbol: 'XAUUSD' }),
    remuneration('30', { partnerId: 'P' }),
    remuneration('40', { partnerId: 'P', symbol: 'XAUUSD' }),
  ];

  test('given every level set, then partner-symbol, partner, broker-symbol, broker apply in that order', async () => {
    const report = await simulate([
      ...schedules,
      trade('P-gold', 'alice', '1', { symbol: 'XAUUSD' }), // 40
      trade('P-fx', 'alice', '1', { symbol: 'EURUSD' }), // 30
      trade('Q-gold', 'bob', '1', { symbol: 'XAUUSD' }), // 20
      trade('Q-fx', 'bob', '1', { symbol: 'EURUSD' }), // 10
      trade('Q-ecn', 'bob', '1', { symbol: 'XAUUSD', accountType: 'ECN' }), // none: 0
    ]);
    expect(partner(report, 'P')?.remuneration).toBe('70');
    expect(partner(report, 'Q')?.remuneration).toBe('30');
  });

  test('given a symbol rate set after a trade closed, then the trade keeps the rate in force at its close', async () => {
    const report = await simulate([
      register('P'),
      attach('P', 'alice'),
      remuneration('10'),
      remuneration('99', { symbol: 'EURUSD', at: '2026-11-03T00:00:00Z' }),
      trade('T1', 'alice', '1', { closedAt: '2026-11-02T00:00:00Z' }),
      trade('T2', 'alice', '1', { closedAt: '2026-11-03T00:00:00Z' }),
    ]);
    expect(partner(report, 'P')?.remuneration).toBe('109');
  });

  test('given symbols that differ only in case, then they are different symbols', async () => {
    const report = await simulate([
      register('P'),
      attach('P', 'alice'),
      remuneration('10'),
      remuneration('99', { symbol: 'xauusd' }),
      trade('T1', 'alice', '1', { symbol: 'XAUUSD' }),
    ]);
    expect(partner(report, 'P')?.remuneration).toBe('10');
  });
});
