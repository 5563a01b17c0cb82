import fc from 'fast-check';
import {
  type Instant,
  type LedgerEvent,
  type PayoutRequested,
  type Posting,
  type RebateAccrued,
  AccountBalances,
  Decimal,
  UnbalancedPostingsError,
  accountName,
  accrualAmounts,
  assertBalanced,
  balanceProblems,
  clientAccount,
  formatDecimal,
  postingsOf,
  trialBalanceOf,
} from '../src';
import { propertySeed } from './support';

/** Postings of every event: given an event, then these postings between these accounts. */

const dec = (text: string) => Decimal(text);
const RUNS = Number(process.env['FC_RUNS'] ?? 100);

const accrual = (fields: Partial<RebateAccrued> = {}): RebateAccrued => ({
  type: 'RebateAccrued',
  tradeId: 'T1',
  clientId: 'C1',
  accountType: 'STANDARD',
  symbol: 'EURUSD',
  accountId: null,
  lots: dec('2.5'),
  closedAt: '2026-09-02T10:00:00Z' as Instant,
  partnerId: 'P1',
  usdPerLot: dec('10'),
  remunerationSource: 'broker',
  remuneration: dec('25'),
  percent: dec('40'),
  rateRule: 'default',
  rebate: dec('10'),
  net: dec('15'),
  openedAt: null,
  qualification: { minHoldSeconds: 0, heldSeconds: null, qualified: true },
  overrides: [],
  ...fields,
});

const payout = (fields: Partial<PayoutRequested> = {}): PayoutRequested => ({
  type: 'PayoutRequested',
  payoutId: 'R1/C1',
  runId: 'R1',
  clientId: 'C1',
  partnerId: 'P1',
  amount: dec('10'),
  allocations: [{ partnerId: 'P1', amount: dec('10') }],
  at: '2026-09-05T00:00:00Z' as Instant,
  ...fields,
});

const shown = (postings: readonly Posting[]) =>
  postings.map(({ from, to, asset, amount }) => [
    accountName(from),
    accountName(to),
    asset,
    formatDecimal(amount),
  ]);

const balancesOf = (events: readonly LedgerEvent[]) => {
  const balances = new AccountBalances();
  for (const event of events) balances.add(postingsOf(event));
  return trialBalanceOf(balances.lines());
};

describe('postingsOf', () => {
  test('given an accrual, then remuneration broker -> partner, rebate partner -> client, volume market -> client', () => {
    expect(shown(postingsOf(accrual()))).toEqual([
      ['broker:P1', 'partner:P1', 'USD', '25'],
      ['partner:P1', 'client:C1@P1', 'USD', '10'],
      ['market', 'client:C1@P1', 'LOTS', '2.5'],
      ['market', 'client:C1@P1', 'TRADES', '1'],
    ]);
  });

  test('given a 0 % rate, then no rebate posting (nothing moves)', () => {
    const postings = postingsOf(accrual({ percent: dec('0'), rebate: dec('0'), net: dec('25') }));
    expect(shown(postings).map(([from, to, asset]) => `${from}>${to}:${asset}`)).toEqual([
      'broker:P1>partner:P1:USD',
      'market>client:C1@P1:LOTS',
      'market>client:C1@P1:TRADES',
    ]);
  });

  test('given an accrual and its reversal, then every account is back at zero', () => {
    const event = accrual();
    const reversal: LedgerEvent = {
      type: 'RebateReversed',
      tradeId: 'T1',
      clientId: 'C1',
      partnerId: 'P1',
      lots: event.lots,
      remuneration: event.remuneration,
      rebate: event.rebate,
      net: event.net,
      overrides: event.overrides,
      qualified: true,
      at: '2026-09-03T00:00:00Z' as Instant,
    };
    expect(shown(postingsOf(reversal))[0]).toEqual(['partner:P1', 'broker:P1', 'USD', '25']);
    const document = balancesOf([event, reversal]);
    expect(document.accounts.every((line) => line.balance === '0')).toBe(true);
    expect(document.accounts).toHaveLength(7);
  });

  test('given a payout, then the amount leaves client:C@P for the payouts in flight', () => {
    expect(shown(postingsOf(payout()))).toEqual([
      ['client:C1@P1', 'payouts:in-flight:C1@P1', 'USD', '10'],
    ]);
  });

  test('given terms changes and unattributed trades, then no postings', () => {
    expect(
      postingsOf({
        type: 'PartnerRegistered',
        partnerId: 'P1',
        model: 'FIXED',
        parentId: null,
        at: '2026-09-01T00:00:00Z' as Instant,
      }),
    ).toEqual([]);
    expect(
      postingsOf({
        type: 'UnattributedTradeCancelled',
        tradeId: 'T9',
        at: '2026-09-01T00:00:00Z' as Instant,
      }),
    ).toEqual([]);
  });

  test('account names hold the partner and client ids', () => {
    expect(accountName(clientAccount('C:1', 'P@2'))).toBe('client:C:1@P@2');
    expect(accountName(clientAccount('C1', null))).toBe('client:C1');
  });
});

describe('postingsOf, rules v2', () => {
  test('given overrides, then each level passes its amount from the child partner to its parent', () => {
    const event = accrual({
      overrides: [
        { partnerId: 'PA', childId: 'P1', percent: dec('10'), amount: dec('1.5') },
        { partnerId: 'PB', childId: 'PA', percent: dec('10'), amount: dec('0.15') },
      ],
    });
    expect(shown(postingsOf(event)).filter(([, , asset]) => asset === 'USD')).toEqual([
      ['broker:P1', 'partner:P1', 'USD', '25'],
      ['partner:P1', 'client:C1@P1', 'USD', '10'],
      ['partner:P1', 'partner:PA', 'USD', '1.5'],
      ['partner:PA', 'partner:PB', 'USD', '0.15'],
    ]);
    const balances = balancesOf([event]).accounts.filter((line) => line.asset === 'USD');
    expect(balances.map((line) => `${line.account} ${line.balance}`)).toEqual([
      'broker:P1 -25',
      'client:C1@P1 10',
      'partner:P1 13.5',
      'partner:PA 1.35',
      'partner:PB 0.15',
    ]);
  });

  test('given a payout allocated to two partners, then each part leaves its own client account', () => {
    const event = payout({
      amount: dec('12'),
      allocations: [
        { partnerId: 'P1', amount: dec('5') },
        { partnerId: 'P2', amount: dec('7') },
      ],
    });
    expect(shown(postingsOf(event))).toEqual([
      ['client:C1@P1', 'payouts:in-flight:C1@P1', 'USD', '5'],
      ['client:C1@P2', 'payouts:in-flight:C1@P2', 'USD', '7'],
    ]);
  });

  test('given a completion, then in flight to paid; given a failure, then back to the client part', () => {
    const result = {
      payoutId: 'R1/C1',
      runId: 'R1',
      clientId: 'C1',
      amount: dec('10'),
      allocations: [{ partnerId: 'P1', amount: dec('10') }],
      at: '2026-09-06T00:00:00Z' as Instant,
    };
    expect(shown(postingsOf({ type: 'PayoutCompleted', ...result }))).toEqual([
      ['payouts:in-flight:C1@P1', 'payouts:paid:C1@P1', 'USD', '10'],
    ]);
    expect(shown(postingsOf({ type: 'PayoutFailed', ...result, reason: 'bank' }))).toEqual([
      ['payouts:in-flight:C1@P1', 'client:C1@P1', 'USD', '10'],
    ]);
    const failed = balancesOf([
      accrual(),
      payout(),
      { type: 'PayoutFailed', ...result, reason: 'x' },
    ]);
    expect(failed.accounts.find((line) => line.account === 'client:C1@P1')?.balance).toBe('10');
  });

  test('given a version-1 payout that named no partner, then it leaves client:C', () => {
    expect(shown(postingsOf(payout({ partnerId: null, allocations: [] })))).toEqual([
      ['client:C1', 'payouts:in-flight:C1', 'USD', '10'],
    ]);
  });
});

describe('assertBalanced', () => {
  test('accepts every posting an accrual and a payout make', () => {
    expect(() => assertBalanced([...postingsOf(accrual()), ...postingsOf(payout())])).not.toThrow();
  });

  test('rejects a non-positive amount and a posting from an account to itself, naming them', () => {
    const client = clientAccount('C1', 'P1');
    const bad: Posting[] = [
      { from: client, to: clientAccount('C2', 'P1'), asset: 'USD', amount: dec('-1') },
      { from: client, to: client, asset: 'LOTS', amount: dec('1') },
    ];
    expect(balanceProblems(bad)).toEqual([
      'USD -1 from client:C1@P1 is not positive',
      'LOTS posting from client:C1@P1 to itself',
    ]);
    expect(() => assertBalanced(bad)).toThrow(UnbalancedPostingsError);
  });
});

describe('trial balance', () => {
  const decimalArb = (max: number, places: number) =>
    fc
      .integer({ min: 0, max })
      .map((units) => formatDecimal(dec(String(units)).div(dec(`1e${places}`))));
  const eventArb: fc.Arbitrary<LedgerEvent> = fc.oneof(
    fc
      .record({
        clientId: fc.constantFrom('C1', 'C2', 'C3'),
        partnerId: fc.constantFrom('P1', 'P2'),
        lots: decimalArb(999_999, 2).filter((text) => text !== '0'),
        usdPerLot: decimalArb(99_999, 2),
        percent: decimalArb(10_000, 2),
      })
      .map(({ lots, usdPerLot, percent, ...ids }) => {
        const terms = { lots: dec(lots), usdPerLot: dec(usdPerLot), percent: dec(percent) };
        return accrual({ ...ids, ...terms, ...accrualAmounts({ ...terms, qualified: true }) });
      }),
    fc
      .record({
        clientId: fc.constantFrom('C1', 'C2', 'C3'),
        partnerId: fc.option(fc.constantFrom('P1', 'P2'), { nil: null }),
        amount: decimalArb(99_999, 2).filter((text) => text !== '0'),
      })
      .map(({ amount, ...ids }) => payout({ ...ids, amount: dec(amount) })),
  );

  test('every event balances and the totals of every asset are zero', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        for (const event of events) assertBalanced(postingsOf(event));
        expect(balancesOf(events).totals).toEqual([
          { asset: 'USD', balance: '0' },
          { asset: 'LOTS', balance: '0' },
          { asset: 'TRADES', balance: '0' },
        ]);
      }),
      { seed: propertySeed('postings balance'), numRuns: RUNS },
    );
  });

  test('orders accounts by name in code point order, then by asset', () => {
    const document = balancesOf([
      accrual({ clientId: '\u{1F600}' }),
      accrual({ clientId: '\uFF01', tradeId: 'T2' }),
    ]);
    expect(
      document.accounts.map((line) => `${line.account} ${line.asset} ${line.balance}`),
    ).toEqual([
      'broker:P1 USD -50',
      'client:\uFF01@P1 USD 10',
      'client:\uFF01@P1 LOTS 2.5',
      'client:\uFF01@P1 TRADES 1',
      'client:\u{1F600}@P1 USD 10',
      'client:\u{1F600}@P1 LOTS 2.5',
      'client:\u{1F600}@P1 TRADES 1',
      'market LOTS -5',
      'market TRADES -2',
      'partner:P1 USD 30',
    ]);
  });
});
