import {
  type ClientAccount,
  type PayoutRequested,
  type RebateAccrued,
  type RebateReversed,
  applyToClientAccount,
  balanceOf,
  emptyClientAccount,
} from '../src';
import { agentWithClient, bookOf, payoutsOf, plain, text, tradeEvents, tradeLine } from './support';

/** Rules section 5: payout runs. */

const RUN_AT = '2026-09-15T00:00:00Z';

const attach = (partnerId: string, clientId: string, at: string) => ({
  type: 'attach-client',
  partnerId,
  clientId,
  at,
});
const switchOf = (type: string, at: string, clientId?: string, partnerId = 'P1') => ({
  type,
  partnerId,
  at,
  ...(clientId ? { clientId } : {}),
});

/** P1 agent with C1 and C2 from 09-01. */
const book = bookOf(...agentWithClient, attach('P1', 'C2', '2026-09-01T00:00:00Z'));

const amounts = (payouts: PayoutRequested[]) =>
  payouts.map((payout) => [payout.clientId, text(payout.amount)]);

describe('amounts', () => {
  test('given a balance with sub-cents, then the amount is rounded down and the remainder stays', () => {
    const [payout] = payoutsOf(book, { at: RUN_AT }, { C1: '1.239' });
    const { allocations, ...rest } = payout as PayoutRequested;
    expect(plain(rest)).toEqual({
      type: 'PayoutRequested',
      payoutId: `${RUN_AT}/C1`,
      runId: RUN_AT,
      clientId: 'C1',
      partnerId: 'P1',
      amount: '1.23',
      at: RUN_AT,
    });
    expect(allocations.map(plain)).toEqual([{ partnerId: 'P1', amount: '1.23' }]);
  });

  test('given a balance just under a whole cent above, then it is never rounded up', () => {
    expect(amounts(payoutsOf(book, { at: RUN_AT }, { C1: '0.029999' }))).toEqual([['C1', '0.02']]);
  });

  test('given a balance under one cent, then nothing is paid', () => {
    expect(payoutsOf(book, { at: RUN_AT }, { C1: '0.009999' })).toEqual([]);
  });

  test('given the default minimum of 0.01, then exactly one cent is paid', () => {
    const [payout] = payoutsOf(book, { at: RUN_AT }, { C1: '0.01' });
    expect(text((payout as PayoutRequested).amount)).toBe('0.01');
    expect(payout?.payoutId).toBe(`${RUN_AT}/C1`);
  });

  test('given a custom minimum, then amounts below it are not paid and stay in the balance', () => {
    expect(payoutsOf(book, { at: RUN_AT, minimumUsd: '10' }, { C1: '9.999', C2: '9.99' })).toEqual(
      [],
    );
  });

  test('given a custom minimum, then an amount exactly equal to it is paid', () => {
    const payouts = payoutsOf(book, { at: RUN_AT, minimumUsd: '10' }, { C1: '10', C2: '10.009' });
    expect(amounts(payouts)).toEqual([
      ['C1', '10'],
      ['C2', '10'],
    ]);
  });

  test('given a minimum of 0, then an amount must still be above zero', () => {
    expect(
      payoutsOf(book, { at: RUN_AT, minimumUsd: '0' }, { C1: '0.001', C2: '0.01' }).map(plain),
    ).toEqual([expect.objectContaining({ clientId: 'C2', amount: '0.01' })]);
  });

  test('given a zero or negative balance, then nothing is paid', () => {
    expect(payoutsOf(book, { at: RUN_AT }, { C1: '0', C2: '-3.5' })).toEqual([]);
    expect(payoutsOf(book, { at: RUN_AT, minimumUsd: '0' }, { C1: '-0.001' })).toEqual([]);
  });
});

describe('suspended clients', () => {
  test('given a client suspension in force at the run, then that client is skipped', () => {
    const suspended = bookOf(
      ...agentWithClient,
      attach('P1', 'C2', '2026-09-01T00:00:00Z'),
      switchOf('suspend-rebates', '2026-09-10T00:00:00Z', 'C1'),
    );
    expect(amounts(payoutsOf(suspended, { at: RUN_AT }, { C1: '5', C2: '6' }))).toEqual([
      ['C2', '6'],
    ]);
  });

  test('given a partner-wide suspension in force at the run, then all its clients are skipped', () => {
    const suspended = bookOf(
      ...agentWithClient,
      attach('P1', 'C2', '2026-09-01T00:00:00Z'),
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
      attach('P2', 'C3', '2026-09-01T00:00:00Z'),
      switchOf('suspend-rebates', '2026-09-10T00:00:00Z'),
    );
    expect(amounts(payoutsOf(suspended, { at: RUN_AT }, { C1: '5', C2: '6', C3: '7' }))).toEqual([
      ['C3', '7'],
    ]);
  });

  test('given a suspension resumed before the run, then the client is paid', () => {
    const resumed = bookOf(
      ...agentWithClient,
      switchOf('suspend-rebates', '2026-09-10T00:00:00Z', 'C1'),
      switchOf('suspend-rebates', '2026-09-10T00:00:00Z'),
      switchOf('resume-rebates', '2026-09-11T00:00:00Z', 'C1'),
      switchOf('resume-rebates', '2026-09-11T00:00:00Z'),
    );
    expect(amounts(payoutsOf(resumed, { at: RUN_AT }, { C1: '5' }))).toEqual([['C1', '5']]);
  });

  test('given a suspension that starts after the run time, then it does not skip the client', () => {
    const later = bookOf(...agentWithClient, switchOf('suspend-rebates', '2026-09-20T00:00:00Z'));
    expect(amounts(payoutsOf(later, { at: RUN_AT }, { C1: '5' }))).toEqual([['C1', '5']]);
    expect(payoutsOf(later, { at: '2026-09-20T00:00:00Z' }, { C1: '5' })).toEqual([]);
  });

  test('given a suspended partner, then it is the partner attached at the run that counts', () => {
    const moved = bookOf(
      ...agentWithClient,
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
      switchOf('suspend-rebates', '2026-09-02T00:00:00Z'),
      attach('P2', 'C1', '2026-09-10T00:00:00Z'),
    );
    // At the run C1 belongs to P2, which is not suspended.
    const [payout] = payoutsOf(moved, { at: RUN_AT }, { C1: '5' });
    expect(plain(payout as PayoutRequested)).toMatchObject({
      clientId: 'C1',
      partnerId: 'P2',
      amount: '5',
    });
    // Before the move C1 belonged to the suspended P1.
    expect(payoutsOf(moved, { at: '2026-09-09T00:00:00Z' }, { C1: '5' })).toEqual([]);
  });

  test('given a suspension of another partner, then it does not skip the client', () => {
    const other = bookOf(
      ...agentWithClient,
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
      switchOf('suspend-rebates', '2026-09-02T00:00:00Z', undefined, 'P2'),
    );
    expect(amounts(payoutsOf(other, { at: RUN_AT }, { C1: '5' }))).toEqual([['C1', '5']]);
  });
});

describe('cancelled clients', () => {
  test('given client and partner-wide cancels, then the rebates already earned are still paid', () => {
    const cancelled = bookOf(
      ...agentWithClient,
      attach('P1', 'C2', '2026-09-01T00:00:00Z'),
      switchOf('cancel-rebates', '2026-09-10T00:00:00Z', 'C1'),
      switchOf('cancel-rebates', '2026-09-11T00:00:00Z'),
    );
    expect(amounts(payoutsOf(cancelled, { at: RUN_AT }, { C1: '4.5', C2: '3' }))).toEqual([
      ['C1', '4.5'],
      ['C2', '3'],
    ]);
  });
});

describe('order', () => {
  test('given balances in any order, then payouts are made in clientId order (code point order)', () => {
    const many = bookOf(
      ...agentWithClient,
      attach('P1', 'C10', '2026-09-01T00:00:00Z'),
      attach('P1', 'C2', '2026-09-01T00:00:00Z'),
      attach('P1', 'c1', '2026-09-01T00:00:00Z'),
      attach('P1', 'B7', '2026-09-01T00:00:00Z'),
    );
    const payouts = payoutsOf(
      many,
      { at: RUN_AT },
      { c1: '1', C2: '2', C10: '3', C1: '4', B7: '5' },
    );
    expect(payouts.map((payout) => payout.clientId)).toEqual(['B7', 'C1', 'C10', 'C2', 'c1']);
  });
});

describe('balances', () => {
  const rated = bookOf(...agentWithClient, {
    type: 'set-rebate-rate',
    partnerId: 'P1',
    percent: '20',
    at: '2026-09-01T00:00:00Z',
  });
  type Effect = RebateAccrued | RebateReversed | PayoutRequested;
  const fold = (events: Effect[]): ClientAccount =>
    events.reduce(applyToClientAccount, emptyClientAccount('C1', 'P1'));

  test('given rebates and a payout, then the balance is earned minus paid, sub-cents kept', () => {
    // 1.01 FIXED lots: 15.15 remuneration, 3.03 rebate; 0.07 lots: 1.05, 0.21. Earned 3.24.
    const a = tradeEvents(rated, tradeLine({ tradeId: 'T1', lots: '1.01' })) as RebateAccrued[];
    const b = tradeEvents(rated, tradeLine({ tradeId: 'T2', lots: '0.07' })) as RebateAccrued[];
    const before = fold([...a, ...b]);
    expect(text(balanceOf(before))).toBe('3.24');
    const [payout] = payoutsOf(rated, { at: RUN_AT }, { C1: text(balanceOf(before)) });
    const after = fold([...a, ...b, payout as PayoutRequested]);
    expect(plain(after)).toMatchObject({ rebates: '3.24', paidOut: '3.24' });
    expect(text(balanceOf(after))).toBe('0');
  });

  test('given a paid-out rebate whose trade is cancelled, then the balance goes negative and later rebates fill it first', () => {
    const accrued = tradeEvents(rated, tradeLine({ tradeId: 'T1', lots: '1' })) as RebateAccrued[]; // rebate 3
    const [payout] = payoutsOf(rated, { at: RUN_AT }, { C1: '3' });
    const reversal = tradeEvents(
      rated,
      { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-16T00:00:00Z' },
      accrued,
    ) as RebateReversed[];
    const negative = fold([...accrued, payout as PayoutRequested, ...reversal]);
    expect(text(balanceOf(negative))).toBe('-3');
    expect(
      payoutsOf(rated, { at: '2026-09-17T00:00:00Z' }, { C1: text(balanceOf(negative)) }),
    ).toEqual([]);

    // A later 2-lot trade earns 6: 3 fill the hole, 3 are payable.
    const next = tradeEvents(rated, tradeLine({ tradeId: 'T2', lots: '2' })) as RebateAccrued[];
    const refilled = fold([...accrued, payout as PayoutRequested, ...reversal, ...next]);
    expect(text(balanceOf(refilled))).toBe('3');
    expect(
      amounts(payoutsOf(rated, { at: '2026-09-18T00:00:00Z' }, { C1: text(balanceOf(refilled)) })),
    ).toEqual([['C1', '3']]);
  });
});
