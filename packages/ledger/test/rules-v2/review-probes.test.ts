import { attach, client, rate, reasons, register, remuneration, simulate, trade } from './support';

/**
 * The independent checker's probes (rules sections 5, 9, 10, 14), each expected value worked out
 * by hand from the page. They guard the payout arithmetic of a client who moved between partners
 * and the hold's cutoff, which a faster `payableOf` must keep.
 */

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00Z`;
const run = (at: string, runId: string) => ({ type: 'run-payouts', at, runId });
const payoutsOf = (report: Awaited<ReturnType<typeof simulate>>) =>
  report.payouts.map((p) => [p.payoutId, p.amount, p.status]);

describe('review probes: a client who moved between partners', () => {
  test('given half a cent earned under each of two partners, then a run pays the whole cent (the client balance is rounded, not each part)', async () => {
    const report = await simulate([
      register('P1'),
      register('P2'),
      remuneration('0.005', { partnerId: 'P1' }),
      remuneration('0.005', { partnerId: 'P2' }),
      rate('P1', '10'),
      rate('P2', '10'),
      attach('P1', 'c', day(1)),
      trade('T1', 'c', '10', { closedAt: day(2) }),
      attach('P2', 'c', day(3)),
      trade('T2', 'c', '10', { closedAt: day(4) }),
      run(day(5), 'r1'),
    ]);
    expect(reasons(report)).toEqual([]);
    expect(payoutsOf(report)).toEqual([['r1/c', '0.01', 'requested']]);
    expect(client(report, 'c')).toMatchObject({ rebates: '0.01', paidOut: '0.01', balance: '0' });
  });

  test('given a negative part under the old partner, then the run pays the client balance, not the positive part', async () => {
    const report = await simulate([
      remuneration('100'),
      register('P1'),
      register('P2'),
      rate('P1', '10'),
      rate('P2', '10'),
      attach('P1', 'c', day(1)),
      trade('T1', 'c', '1', { closedAt: day(2) }),
      attach('P2', 'c', day(3)),
      trade('T2', 'c', '1', { closedAt: day(4) }),
      run(day(5), 'r1'),
      { type: 'trade-cancelled', tradeId: 'T1', at: day(6) },
      trade('T3', 'c', '3', { closedAt: day(6) }),
      run(day(7), 'r2'),
    ]);
    // r1 pays 10 + 10; T1 voided leaves P1's part at -10; T3 adds 30 under P2: balance 20.
    expect(payoutsOf(report)).toEqual([
      ['r1/c', '20', 'requested'],
      ['r2/c', '20', 'requested'],
    ]);
    expect(client(report, 'c')).toMatchObject({ rebates: '40', paidOut: '40', balance: '0' });
  });

  test('given a hold, a failed payout, a suspension and a late trade, then each run pays what the page says', async () => {
    const report = await simulate([
      remuneration('100'),
      register('P1'),
      register('P2'),
      rate('P1', '10'),
      rate('P2', '10'),
      attach('P1', 'c', day(1)),
      trade('T1', 'c', '1', { closedAt: day(2) }),
      attach('P2', 'c', day(6)),
      rate('P1', '10', { at: day(5) }), // line 9: the re-attachment raised P1's watermark
      trade('T2', 'c', '2', { closedAt: day(7) }),
      { type: 'set-payout-hold', days: 2, at: day(1) },
      run(day(8), 'r1'), // cutoff day 6: T1 only
      { type: 'payout-failed', payoutId: 'r1/c', at: day(8), reason: 'bank' },
      run(day(10), 'r2'), // cutoff day 8: 10 + 20
      { type: 'suspend-rebates', partnerId: 'P1', clientId: 'c', at: day(10) }, // line 15: not P1's now
      { type: 'suspend-rebates', partnerId: 'P2', clientId: 'c', at: day(10) },
      trade('T3', 'c', '1', { closedAt: day(3) }), // late, under P1, before the suspension
      run(day(12), 'r3'), // suspended: skipped
      { type: 'resume-rebates', partnerId: 'P2', clientId: 'c', at: day(12) },
      run(day(12), 'r4'),
    ]);
    expect(reasons(report).map(([line]) => line)).toEqual([9, 15]);
    expect(payoutsOf(report)).toEqual([
      ['r1/c', '10', 'failed'],
      ['r2/c', '30', 'requested'],
      ['r4/c', '10', 'requested'],
    ]);
    expect(client(report, 'c')).toMatchObject({ rebates: '40', paidOut: '40', balance: '0' });
  });
});

describe('review probes: the hold cutoff and the state at the run', () => {
  test('given a 1-day hold, then a trade closed exactly at the cutoff counts and one a nanosecond later does not; a hold set later is not in force', async () => {
    const report = await simulate([
      remuneration('100'),
      register('P'),
      attach('P', 'a'),
      rate('P', '10'),
      { type: 'set-payout-hold', days: '1.0', at: day(1) },
      trade('T1', 'a', '1', { closedAt: '2026-11-03T00:00:00.5Z' }),
      trade('T2', 'a', '1', { closedAt: '2026-11-03T03:00:00.500000001+03:00' }),
      { type: 'set-payout-hold', days: 3, at: day(10) },
      run('2026-11-04T00:00:00.5Z', 'r1'),
      run(day(9), 'r2'), // still the 1-day hold: cutoff day 8
    ]);
    expect(payoutsOf(report)).toEqual([
      ['r1/a', '10', 'requested'],
      ['r2/a', '10', 'requested'],
    ]);
  });

  test('given a suspension and a re-attachment dated after a run, then the run judges the client as it stood at its at', async () => {
    const report = await simulate([
      remuneration('100'),
      register('P1'),
      register('P2'),
      rate('P1', '10'),
      attach('P1', 'c', day(1)),
      attach('P1', 'd', day(1)),
      trade('T1', 'c', '1', { closedAt: day(2) }),
      trade('T2', 'd', '1', { closedAt: day(2) }),
      { type: 'suspend-rebates', partnerId: 'P1', clientId: 'd', at: day(10) },
      { type: 'suspend-rebates', partnerId: 'P2', at: day(10) },
      attach('P2', 'c', day(10)),
      run(day(5), 'r1'),
    ]);
    expect(payoutsOf(report)).toEqual([
      ['r1/c', '10', 'requested'],
      ['r1/d', '10', 'requested'],
    ]);
  });
});
