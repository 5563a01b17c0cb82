import { isLeft, isRight } from 'fp-ts/Either';
import {
  type Decider,
  type LedgerEvent,
  Decimal,
  agreementDecider,
  encodeLedgerEvent,
  payoutDecider,
  tradeDecider,
} from '../src';
import { command } from './support';

/**
 * Given these events, when this command, then these events or this rejection: the deciders as
 * values, specified over events only (never over another decider's behaviour).
 */
const spec = <C, S, E extends LedgerEvent>(decider: Decider<C, S, E>, initial?: Partial<S>) => ({
  given: (...events: E[]) => ({
    when: (fields: Record<string, unknown>) => {
      const start = { ...decider.initialState, ...initial } as S;
      const decision = decider.decide(command(fields) as C, events.reduce(decider.evolve, start));
      return {
        events: isRight(decision) ? decision.right.map(encodeLedgerEvent) : undefined,
        rejection: isLeft(decision) ? decision.left : undefined,
      };
    },
  }),
});

const at = '2026-11-01T00:00:00Z';
const registered = (partnerId: string, parentId: string | null = null) => ({
  type: 'PartnerRegistered' as const,
  partnerId,
  model: 'agent',
  parentId,
  at: at as never,
});

describe('agreementDecider', () => {
  test('given G and M under G, when G sets a rate for M, then OverrideRateSet for that child', () => {
    const then = spec(agreementDecider)
      .given(registered('G'), registered('M', 'G'))
      .when({ type: 'set-override-rate', partnerId: 'G', childId: 'M', percent: '12.5', at });
    expect(then.events).toEqual([
      { type: 'OverrideRateSet', partnerId: 'G', childId: 'M', percent: '12.5', at },
    ]);
  });

  test('given no partners, when a sub-partner is registered, then it is rejected: the parent is unknown', () => {
    const then = spec(agreementDecider)
      .given()
      .when({ type: 'register-partner', partnerId: 'S', model: 'agent', parentId: 'G', at });
    expect(then.rejection).toEqual({
      code: 'unknown-partner',
      reason: 'unknown partner G (parentId)',
      field: 'partnerId',
    });
  });

  test('given a broker-wide hold at 11-05, when a qualification is set at 11-04, then it is back-dated', () => {
    const then = spec(agreementDecider)
      .given({ type: 'PayoutHoldSet', days: 2, at: '2026-11-05T00:00:00Z' as never })
      .when({ type: 'set-qualification', minHoldSeconds: 60, at: '2026-11-04T00:00:00Z' });
    expect(then.rejection?.code).toBe('back-dated');
  });
});

describe('payoutDecider', () => {
  const run = {
    type: 'PayoutRunRecorded' as const,
    runId: 'r1',
    balancesAt: null,
    at: at as never,
    minimumUsd: Decimal('0.01'),
    holdDays: 0,
    cutoff: null,
    payouts: 1,
    total: Decimal('4.5'),
  };
  const requested = {
    type: 'PayoutRequested' as const,
    payoutId: 'r1/alice',
    runId: 'r1',
    clientId: 'alice',
    amount: Decimal('4.5'),
    allocations: [
      { partnerId: 'P', amount: Decimal('3') },
      { partnerId: 'Q', amount: Decimal('1.5') },
    ],
    partnerId: 'Q',
    at: at as never,
  };

  test('given a requested payout, when it fails, then PayoutFailed gives back each allocation', () => {
    const then = spec(payoutDecider)
      .given(run, requested)
      .when({ type: 'payout-failed', payoutId: 'r1/alice', reason: 'closed', at });
    expect(then.events).toEqual([
      {
        type: 'PayoutFailed',
        payoutId: 'r1/alice',
        runId: 'r1',
        clientId: 'alice',
        amount: '4.5',
        allocations: [
          { partnerId: 'P', amount: '3' },
          { partnerId: 'Q', amount: '1.5' },
        ],
        reason: 'closed',
        at,
      },
    ]);
  });

  test('given a run r1 at an instant, when r1 runs again at the same instant, then no events (a duplicate)', () => {
    const then = spec(payoutDecider).given(run).when({ type: 'run-payouts', runId: 'r1', at });
    expect(then.events).toEqual([]);
  });

  test('given a completed payout, when it fails, then the contradiction is rejected', () => {
    const completed = { ...requested, type: 'PayoutCompleted' as const };
    const { partnerId: _p, ...fields } = completed;
    const then = spec(payoutDecider)
      .given(run, requested, fields)
      .when({ type: 'payout-failed', payoutId: 'r1/alice', reason: 'late', at });
    expect(then.rejection?.code).toBe('conflicting-result');
  });
});

describe('tradeDecider', () => {
  test('given no events, when a trade arrives for an unknown client, then TradeUnattributed', () => {
    const then = spec(tradeDecider).given().when({
      type: 'trade-closed',
      tradeId: 'T1',
      clientId: 'nobody',
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots: '1',
      closedAt: at,
    });
    expect(then.events?.map((event) => event['type'])).toEqual(['TradeUnattributed']);
  });
});
