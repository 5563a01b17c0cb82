import { type RunPayouts, decodeLine } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { LedgerCommands, LedgerTotals, runScenario } from '../../src';
import { withStore } from '../support';
import { attach, client, rate, reasons, register, remuneration, simulate, trade } from './support';

/** Rules sections 9 (payout ids and results) and 10 (hold period), by hand. */

const run = (at: string, extra: Record<string, unknown> = {}) => ({
  type: 'run-payouts',
  at,
  ...extra,
});
const completed = (payoutId: string, at = '2026-11-10T00:00:00Z') => ({
  type: 'payout-completed',
  payoutId,
  at,
});
const failed = (payoutId: string, reason = 'account closed', at = '2026-11-10T00:00:00Z') => ({
  type: 'payout-failed',
  payoutId,
  reason,
  at,
});
const hold = (days: number | string, at = '2026-11-01T00:00:00Z') => ({
  type: 'set-payout-hold',
  days,
  at,
});

// alice earns 3 per lot (15 x 20%).
const base = [
  remuneration('15'),
  register('P'),
  attach('P', 'alice'),
  attach('P', 'bob'),
  rate('P', '20'),
];

describe('payout ids (rules section 9)', () => {
  test('given no runId, then the run id is the canonical UTC at and each payout is <runId>/<clientId>', async () => {
    const report = await simulate([
      ...base,
      trade('T1', 'alice', '1'),
      run('2026-11-05T02:00:00.500+02:00'),
    ]);
    expect(report.payouts).toEqual([
      {
        payoutId: '2026-11-05T00:00:00.5Z/alice',
        clientId: 'alice',
        amount: '3',
        at: '2026-11-05T00:00:00.5Z',
        status: 'requested',
      },
    ]);
  });

  test('given a repeated run (same instant and minimum), then it is a duplicate that pays nothing', async () => {
    const report = await simulate([
      ...base,
      trade('T1', 'alice', '1'),
      run('2026-11-05T00:00:00Z'),
      trade('T2', 'alice', '1'),
      run('2026-11-05T01:00:00+01:00', { minimumUsd: '0.010' }),
    ]);
    expect(report.duplicates).toBe(1);
    expect(report.payouts.map((p) => p.amount)).toEqual(['3']);
    expect(client(report, 'alice')?.balance).toBe('3');
  });

  test('given a run id taken with another instant or minimum, then the run is rejected as a conflict', async () => {
    const report = await simulate([
      ...base,
      trade('T1', 'alice', '1'),
      run('2026-11-05T00:00:00Z', { runId: 'weekly-45' }),
      trade('T2', 'alice', '1'),
      run('2026-11-06T00:00:00Z', { runId: 'weekly-45' }),
      run('2026-11-05T00:00:00Z', { runId: 'weekly-45', minimumUsd: '1' }),
    ]);
    expect(reasons(report).map(([line]) => line)).toEqual([9, 10]);
    expect(String(reasons(report)[0]?.[1])).toContain('weekly-45');
    expect(report.payouts.map((p) => p.payoutId)).toEqual(['weekly-45/alice']);
  });

  test('given a run that pays nobody, then its id is still taken', async () => {
    const report = await simulate([
      ...base,
      run('2026-11-05T00:00:00Z', { runId: 'r1' }),
      trade('T1', 'alice', '1'),
      run('2026-11-05T00:00:00Z', { runId: 'r1' }),
      run('2026-11-06T00:00:00Z', { runId: 'r1' }),
    ]);
    expect(report.payouts).toEqual([]);
    expect(report.duplicates).toBe(1);
    expect(reasons(report).map(([line]) => line)).toEqual([9]);
  });
});

describe('payout results (rules section 9)', () => {
  const paid = [
    ...base,
    trade('T1', 'alice', '1'),
    trade('T2', 'bob', '2'),
    run('2026-11-05T00:00:00Z'),
  ];
  const alice = '2026-11-05T00:00:00Z/alice';
  const bob = '2026-11-05T00:00:00Z/bob';

  test('given a failed payout, then its amount is back in the balance and the next run pays it again under a new id', async () => {
    const report = await simulate([...paid, failed(alice), run('2026-11-12T00:00:00Z')]);
    expect(report.payouts.map((p) => [p.payoutId, p.amount, p.status])).toEqual([
      [alice, '3', 'failed'],
      [bob, '6', 'requested'],
      ['2026-11-12T00:00:00Z/alice', '3', 'requested'],
    ]);
    expect(client(report, 'alice')).toMatchObject({ rebates: '3', paidOut: '3', balance: '0' });
  });

  test('given a completed payout, then it stays paid', async () => {
    const report = await simulate([...paid, completed(bob), run('2026-11-12T00:00:00Z')]);
    expect(client(report, 'bob')).toMatchObject({ paidOut: '6', balance: '0' });
    expect(report.payouts.map((p) => p.status)).toEqual(['requested', 'completed']);
  });

  test('given the same result again, then it is a duplicate; a contradicting result or an unknown id is rejected', async () => {
    const report = await simulate([
      ...paid,
      failed(alice),
      failed(alice, 'another reason', '2026-11-11T00:00:00Z'),
      completed(alice),
      completed(bob),
      completed(bob),
      failed(bob),
      completed('2026-11-05T00:00:00Z/carol'),
    ]);
    expect(report.duplicates).toBe(2);
    expect(reasons(report)).toEqual([
      [11, `payout ${alice} already failed; it cannot be completed`],
      [14, `payout ${bob} already completed; it cannot be failed`],
      [15, 'unknown payout 2026-11-05T00:00:00Z/carol'],
    ]);
  });

  test('given a result dated before its run, then it is recorded (results are not back-dating-checked)', async () => {
    const report = await simulate([...paid, completed(alice, '2020-01-01T00:00:00Z')]);
    expect(report.rejected).toEqual([]);
    expect(report.payouts[0]?.status).toBe('completed');
  });

  test('given a result with an empty reason or a payoutId over 300 characters, then the line is rejected naming the field', async () => {
    const report = await simulate([...paid, failed(alice, ''), completed('x'.repeat(301))]);
    expect(reasons(report).map(([line, reason]) => [line, String(reason).split(' ')[0]])).toEqual([
      [9, 'reason'],
      [10, 'payoutId'],
    ]);
  });
});

describe('hold period (rules section 10)', () => {
  test('given a 2-day hold, then a run pays only rebates of trades closed at or before at - 48 h; balances count all', async () => {
    const report = await simulate([
      ...base,
      hold(2),
      trade('old', 'alice', '1', { closedAt: '2026-11-03T00:00:00Z' }), // exactly at the cutoff
      trade('new', 'alice', '1', { closedAt: '2026-11-03T00:00:00.000000001Z' }),
      run('2026-11-05T00:00:00Z'),
    ]);
    expect(report.payouts.map((p) => p.amount)).toEqual(['3']);
    expect(client(report, 'alice')).toMatchObject({ rebates: '6', paidOut: '3', balance: '3' });
  });

  test('given a hold set after a run, then the run used the hold in force at its time', async () => {
    const report = await simulate([
      ...base,
      trade('T1', 'alice', '1', { closedAt: '2026-11-04T00:00:00Z' }),
      hold(7, '2026-11-06T00:00:00Z'),
      run('2026-11-05T00:00:00Z'),
      run('2026-11-07T00:00:00Z'),
    ]);
    // The first run (hold 0 at its time) pays 3; the second has nothing left anyway.
    expect(report.payouts.map((p) => [p.at, p.amount])).toEqual([['2026-11-05T00:00:00Z', '3']]);
  });

  test('given a paid trade voided, then payable goes negative and nothing is paid until it is filled', async () => {
    const report = await simulate([
      ...base,
      hold(1),
      trade('T1', 'alice', '1', { closedAt: '2026-11-02T00:00:00Z' }),
      run('2026-11-04T00:00:00Z'),
      { type: 'trade-cancelled', tradeId: 'T1', at: '2026-11-04T01:00:00Z' },
      trade('T2', 'alice', '2', { closedAt: '2026-11-04T02:00:00Z' }), // 6, after the next cutoff
      run('2026-11-05T00:00:00Z'), // cutoff 11-04T00: payable 0 - 3 = -3
      run('2026-11-06T00:00:00Z'), // cutoff 11-05T00: 6 - 3 = 3
    ]);
    expect(report.payouts.map((p) => [p.at, p.amount])).toEqual([
      ['2026-11-04T00:00:00Z', '3'],
      ['2026-11-06T00:00:00Z', '3'],
    ]);
    expect(client(report, 'alice')).toMatchObject({ rebates: '6', paidOut: '6', balance: '0' });
  });

  test('given days that are not a whole number from 0 to 365, then the line is rejected naming days', async () => {
    const report = await simulate([hold('1.5'), hold(366), hold(-1), hold('2.0'), hold('1e1')]);
    expect(reasons(report).map(([line, reason]) => [line, String(reason).split(' ')[0]])).toEqual([
      [1, 'days'],
      [2, 'days'],
      [3, 'days'],
    ]);
  });
});

describe('payouts of a client who moved between partners', () => {
  test('given earnings under two partners, then the payout leaves the earliest partner first, and a failure gives each part back', async () => {
    const report = await simulate([
      ...base,
      register('Q'),
      rate('Q', '10'),
      trade('T1', 'alice', '1', { closedAt: '2026-11-02T00:00:00Z' }), // 3 under P
      attach('Q', 'alice', '2026-11-03T00:00:00Z'),
      trade('T2', 'alice', '1', { closedAt: '2026-11-04T00:00:00Z' }), // 1.5 under Q
      run('2026-11-05T00:00:00Z'),
    ]);
    expect(report.payouts.map((p) => p.amount)).toEqual(['4.5']);
    expect(client(report, 'alice')).toMatchObject({ partnerId: 'Q', balance: '0' });
  });
});

describe('payout preview', () => {
  test('given balances, then a preview decides the run as for real and appends nothing', async () => {
    await withStore(async (store) => {
      const lines = [...base, trade('T1', 'alice', '1'), trade('T2', 'bob', '2')];
      await runScenario(
        lines.map((line) => JSON.stringify(line)),
        store,
      );
      const totals = new LedgerTotals();
      const ledger = new LedgerCommands(store, {
        payables: async (window) => {
          await totals.catchUp(store);
          return { payables: totals.payables(window), position: totals.checkpoint };
        },
      });
      const decoded = decodeLine(JSON.stringify(run('2026-11-05T00:00:00Z', { runId: 'preview' })));
      if (isLeft(decoded)) throw new Error(decoded.left);
      const head = await store.headPosition();
      const preview = await ledger.previewPayoutRun(decoded.right as RunPayouts);
      if (isLeft(preview)) throw new Error(preview.left.reason);
      expect(
        preview.right.flatMap((event) =>
          event.type === 'PayoutRequested' ? [[event.payoutId, event.amount.toFixed()]] : [],
        ),
      ).toEqual([
        ['preview/alice', '3'],
        ['preview/bob', '6'],
      ]);
      expect(await store.headPosition()).toBe(head);
    });
  });
});
