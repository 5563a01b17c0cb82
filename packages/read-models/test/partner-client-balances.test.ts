import { ZERO } from '@rebate/domain';
import { SqlLedgerQueries } from '../src';
import { accountTotalsTable } from '../src/projections/accounts/tables';
import { propertySeed } from '@rebate/test-support';
import { catchUp } from './support/projections';
import { applyLines, longScenario } from './support/scenario';
import { SETUPS } from './support/setups';

/**
 * C1 trades under P1 (33.33 % of 10 USD per lot), is paid, moves to P2 (50 %), then a P1 trade
 * is voided and C1 trades under P2 and is paid again. Each partner's view of C1 holds only what
 * was attributed to it; the whole account holds everything.
 */
const trade = (tradeId: string, lots: string, closedAt: string) => ({
  type: 'trade-closed',
  tradeId,
  clientId: 'C1',
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots,
  closedAt,
});

const lines = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '10', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P3', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '33.33', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P2', percent: '50', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P2', clientId: 'C2', at: '2026-09-01T00:00:00Z' },
  trade('T1', '1', '2026-09-02T10:00:00Z'), // P1: 3.333
  trade('T2', '2', '2026-09-03T10:00:00Z'), // P1: 6.666
  { type: 'run-payouts', at: '2026-09-04T08:00:00Z' }, // 9.99 of 9.999, attributed to P1
  { type: 'attach-client', partnerId: 'P2', clientId: 'C1', at: '2026-09-10T00:00:00Z' },
  trade('T3', '1', '2026-09-11T10:00:00Z'), // P2: 5
  { type: 'trade-cancelled', tradeId: 'T2', at: '2026-09-12T00:00:00Z' }, // P1: -6.666 on 09-03
  trade('T4', '3', '2026-09-13T10:00:00Z'), // P2: 15
  { type: 'run-payouts', at: '2026-09-14T08:00:00Z' }, // 13.34 of 13.343, attributed to P2
];

const SEPTEMBER = ['2026-09-01', '2026-09-30'] as const;

describe.each(SETUPS)('partner-scoped client balances on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('a partner sees only what the client did while attached to it', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      await applyLines(store, lines);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);

      expect(await queries.partnerClientBalance('P2', 'C1')).toEqual({
        clientId: 'C1',
        partnerId: 'P2',
        trades: 2,
        lots: '4',
        rebates: '20',
        paidOut: '13.34',
        paid: '0',
        inFlight: '13.34',
        balance: '6.66',
        pendingPayout: '6.66',
      });
      expect(await queries.partnerClientStatement('P2', 'C1', ...SEPTEMBER)).toEqual([
        { day: '2026-09-11', trades: 1, lots: '1', rebates: '5', paidOut: '0' },
        { day: '2026-09-13', trades: 1, lots: '3', rebates: '15', paidOut: '0' },
        { day: '2026-09-14', trades: 0, lots: '0', rebates: '0', paidOut: '13.34' },
      ]);

      // P1 keeps its own period, including the later void of its trade (on the trade's day).
      expect(await queries.partnerClientBalance('P1', 'C1')).toEqual({
        clientId: 'C1',
        partnerId: 'P1',
        trades: 1,
        lots: '1',
        rebates: '3.333',
        paidOut: '9.99',
        paid: '0',
        inFlight: '9.99',
        balance: '-6.657',
        pendingPayout: '0',
      });
      expect(await queries.partnerClientStatement('P1', 'C1', ...SEPTEMBER)).toEqual([
        { day: '2026-09-02', trades: 1, lots: '1', rebates: '3.333', paidOut: '0' },
        { day: '2026-09-03', trades: 0, lots: '0', rebates: '0', paidOut: '0' },
        { day: '2026-09-04', trades: 0, lots: '0', rebates: '0', paidOut: '9.99' },
      ]);
      expect(await queries.partnerClientStatement('P1', 'C1', '2026-09-10', '2026-09-30')).toEqual(
        [],
      );

      // The whole account, as finance and admin see it, is the sum of both.
      expect(await queries.clientBalance('C1')).toEqual({
        clientId: 'C1',
        partnerId: 'P2',
        trades: 3,
        lots: '5',
        rebates: '23.333',
        paidOut: '23.33',
        paid: '0',
        inFlight: '23.33',
        balance: '0.003',
        pendingPayout: '0',
      });
      expect(await queries.clientStatement('C1', ...SEPTEMBER)).toHaveLength(6);

      // Attached with nothing attributed yet: zero. Never attached, or unknown: nothing.
      expect(await queries.partnerClientBalance('P2', 'C2')).toEqual({
        clientId: 'C2',
        partnerId: 'P2',
        trades: 0,
        lots: '0',
        rebates: '0',
        paidOut: '0',
        paid: '0',
        inFlight: '0',
        balance: '0',
        pendingPayout: '0',
      });
      expect(await queries.partnerClientStatement('P2', 'C2', ...SEPTEMBER)).toEqual([]);
      expect(await queries.partnerClientBalance('P1', 'C2')).toBeUndefined();
      expect(await queries.partnerClientBalance('P3', 'C1')).toBeUndefined();
      expect(await queries.partnerClientBalance('P1', 'nobody')).toBeUndefined();
      await expect(
        queries.partnerClientStatement('P1', 'C1', '2026-9-1', '2026-09-30'),
      ).rejects.toThrow(RangeError);
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('a payout of a balance earned under two partners is allocated earliest attachment first', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      await applyLines(store, [
        ...lines.slice(0, 8),
        trade('T1', '1', '2026-09-02T10:00:00Z'), // P1: 3.333
        { type: 'attach-client', partnerId: 'P2', clientId: 'C1', at: '2026-09-10T00:00:00Z' },
        trade('T3', '1', '2026-09-11T10:00:00Z'), // P2: 5
        { type: 'run-payouts', at: '2026-09-14T08:00:00Z' }, // 8.33 of 8.333: P1 3.333, P2 4.997
      ]);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);
      expect(await queries.partnerClientBalance('P2', 'C1')).toMatchObject({
        rebates: '5',
        paidOut: '4.997',
        paid: '0',
        inFlight: '4.997',
        balance: '0.003',
      });
      expect(await queries.partnerClientBalance('P1', 'C1')).toMatchObject({
        rebates: '3.333',
        paidOut: '3.333',
        paid: '0',
        inFlight: '3.333',
        balance: '0',
      });
      expect(await queries.clientBalance('C1')).toMatchObject({
        rebates: '8.333',
        paidOut: '8.33',
        paid: '0',
        inFlight: '8.33',
        balance: '0.003',
      });
      expect(await queries.partnerClientStatement('P2', 'C1', ...SEPTEMBER)).toEqual([
        { day: '2026-09-11', trades: 1, lots: '1', rebates: '5', paidOut: '0' },
        { day: '2026-09-14', trades: 0, lots: '0', rebates: '0', paidOut: '4.997' },
      ]);
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('over a random history, the partners’ shares of each client add up to its account', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      await applyLines(store, longScenario(propertySeed(`partner shares (${setup.name})`), 10));
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);
      const pairs = new Set(
        (await storage.read((db) => db.selectFrom('accountTotals').selectAll().execute()))
          .map((row) => accountTotalsTable.decode(row))
          .filter((row) => row.clientId !== '' && row.partnerId !== '')
          .map((row) => JSON.stringify([row.partnerId, row.clientId])),
      );
      const shares = [];
      for (const pair of pairs) {
        const [partnerId, clientId] = JSON.parse(pair) as [string, string];
        const share = await queries.partnerClientBalance(partnerId, clientId);
        if (share !== undefined) shares.push({ ...share, clientId });
      }
      const clients = await queries.listClients({});
      expect(shares.length).toBeGreaterThan(0);
      for (const client of clients) {
        const mine = shares.filter((share) => share.clientId === client.clientId);
        const sum = (pick: (share: (typeof mine)[number]) => string) =>
          mine.reduce((total, share) => total.plus(pick(share)), ZERO);
        expect(mine.reduce((total, share) => total + share.trades, 0)).toBe(client.trades);
        expect(sum((share) => share.lots).eq(client.lots)).toBe(true);
        expect(sum((share) => share.rebates).eq(client.rebates)).toBe(true);
        // Payouts naming no partner are in the account but in no partner's share.
        expect(sum((share) => share.paidOut).lte(client.paidOut)).toBe(true);
      }
    } finally {
      await storage.close();
      await store.close();
    }
  });
});
