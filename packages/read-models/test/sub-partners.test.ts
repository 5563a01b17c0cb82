import { trade } from '@rebate/test-support';
import { SqlLedgerQueries } from '../src';
import { catchUp } from './support/projections';
import { applyLines } from './support/scenario';
import { SETUPS } from './support/setups';

/**
 * Rules section 12 in the read models. G <- M <- S, and another tree G2 <- X. FIXED pays 15 USD
 * a lot; S gives alice 20%; M takes 25% of S's share; G takes 50% of M's. M has its own client
 * bob (no rebate rate). T1 (2 lots, S, 09-02): 30, rebate 6, S's share 24, M receives 6, G 3.
 * T2 (1 lot, S, 09-03) is voided. T3 (4 lots, M, 09-03): 60, G receives 30. X's trade (09-02)
 * earns X 15 and G2 nothing (no override rate).
 */
const at = '2026-09-01T00:00:00Z';
const lines = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at },
  { type: 'register-partner', partnerId: 'G', model: 'agent', at },
  { type: 'register-partner', partnerId: 'M', model: 'agent', parentId: 'G', at },
  { type: 'register-partner', partnerId: 'S', model: 'agent', parentId: 'M', at },
  { type: 'register-partner', partnerId: 'G2', model: 'agent', at },
  { type: 'register-partner', partnerId: 'X', model: 'introducer', parentId: 'G2', at },
  { type: 'attach-client', partnerId: 'S', clientId: 'alice', at },
  { type: 'attach-client', partnerId: 'M', clientId: 'bob', at },
  { type: 'attach-client', partnerId: 'X', clientId: 'xena', at },
  { type: 'set-rebate-rate', partnerId: 'S', percent: '20', at },
  { type: 'set-override-rate', partnerId: 'M', percent: '25', at },
  { type: 'set-override-rate', partnerId: 'G', percent: '50', childId: 'M', at },
  trade('T1', 'alice', '2', '2026-09-02T10:00:00Z'),
  trade('T2', 'alice', '1', '2026-09-03T10:00:00Z'),
  trade('T3', 'bob', '4', '2026-09-03T11:00:00Z'),
  trade('TX', 'xena', '1', '2026-09-02T12:00:00Z'),
  { type: 'trade-cancelled', tradeId: 'T2', at: '2026-09-05T00:00:00Z' },
];
const ALL_DAYS = ['2026-09-01', '2026-09-30'] as const;

describe.each(SETUPS)('sub-partners in the read models on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());
  let queries: SqlLedgerQueries;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const report = await applyLines(store, lines);
    expect(report.rejected).toEqual([]);
    await catchUp(store, storage);
    queries = new SqlLedgerQueries(storage);
    close = async () => {
      await storage.close();
      await store.close();
    };
  });
  afterAll(() => close?.());

  test('a partner balance shows overrides paid and received apart, netted into net', async () => {
    const figures = async (id: string) => {
      const balance = await queries.partnerBalance(id);
      return (
        balance && [
          balance.remuneration,
          balance.rebates,
          balance.overridesPaid,
          balance.overridesReceived,
          balance.net,
        ]
      );
    };
    expect(await figures('S')).toEqual(['30', '6', '6', '0', '18']);
    expect(await figures('M')).toEqual(['60', '0', '33', '6', '33']);
    expect(await figures('G')).toEqual(['0', '0', '0', '33', '33']);
    expect(await figures('X')).toEqual(['15', '0', '0', '0', '15']);
  });

  test('statements show overrides per day; a void on the trade’s day cancels them there', async () => {
    expect(await queries.partnerStatement('M', ...ALL_DAYS)).toEqual([
      {
        day: '2026-09-02',
        trades: 0,
        lots: '0',
        remuneration: '0',
        rebates: '0',
        overridesPaid: '3',
        overridesReceived: '6',
        net: '3',
      },
      {
        day: '2026-09-03',
        trades: 1,
        lots: '4',
        remuneration: '60',
        rebates: '0',
        overridesPaid: '30',
        overridesReceived: '0',
        net: '30',
      },
    ]);
    expect(await queries.partnerStatement('G', ...ALL_DAYS)).toEqual([
      {
        day: '2026-09-02',
        trades: 0,
        lots: '0',
        remuneration: '0',
        rebates: '0',
        overridesPaid: '0',
        overridesReceived: '3',
        net: '3',
      },
      {
        day: '2026-09-03',
        trades: 0,
        lots: '0',
        remuneration: '0',
        rebates: '0',
        overridesPaid: '0',
        overridesReceived: '30',
        net: '30',
      },
    ]);
  });

  test('the tree lists sub-partners direct and indirect with their summaries, never another tree', async () => {
    expect(await queries.subPartners('G')).toEqual([
      {
        partnerId: 'M',
        parentId: 'G',
        depth: 1,
        model: 'agent',
        trades: 1,
        lots: '4',
        remuneration: '60',
        overridesPaid: '33',
        overridesReceived: '6',
      },
      {
        partnerId: 'S',
        parentId: 'M',
        depth: 2,
        model: 'agent',
        trades: 1,
        lots: '2',
        remuneration: '30',
        overridesPaid: '6',
        overridesReceived: '0',
      },
    ]);
    expect((await queries.subPartners('M'))?.map((p) => p.partnerId)).toEqual(['S']);
    expect(await queries.subPartners('S')).toEqual([]);
    expect((await queries.subPartners('G2'))?.map((p) => [p.partnerId, p.model])).toEqual([
      ['X', 'introducer'],
    ]);
    expect(await queries.subPartners('NOBODY')).toBeUndefined();
  });

  test('a sub-partner statement is per day, and only for a partner of the tree below', async () => {
    expect(await queries.subPartnerStatement('G', 'S', ...ALL_DAYS)).toEqual([
      {
        day: '2026-09-02',
        trades: 1,
        lots: '2',
        remuneration: '30',
        overridesPaid: '6',
        overridesReceived: '0',
      },
      {
        day: '2026-09-03',
        trades: 0,
        lots: '0',
        remuneration: '0',
        overridesPaid: '0',
        overridesReceived: '0',
      },
    ]);
    expect(await queries.subPartnerStatement('M', 'S', '2026-09-03', '2026-09-03')).toHaveLength(1);
    for (const [partnerId, subId] of [
      ['M', 'G'],
      ['G', 'G'],
      ['G', 'X'],
      ['S', 'M'],
      ['G', 'NOBODY'],
      ['NOBODY', 'S'],
    ])
      expect(await queries.subPartnerStatement(partnerId!, subId!, ...ALL_DAYS)).toBeUndefined();
    await expect(queries.subPartnerStatement('G', 'S', '2026-9-1', '2026-09-30')).rejects.toThrow(
      RangeError,
    );
  });

  test('the trial balance lists partner:M once per asset, its balance the net', async () => {
    const { accounts, totals } = await queries.trialBalance();
    expect(accounts.filter((line) => line.account === 'partner:M')).toEqual([
      { account: 'partner:M', asset: 'USD', balance: '33' },
    ]);
    expect(accounts.filter((line) => line.account === 'partner:G')).toEqual([
      { account: 'partner:G', asset: 'USD', balance: '33' },
    ]);
    expect(totals.every((total) => total.balance === '0')).toBe(true);
  });
});
