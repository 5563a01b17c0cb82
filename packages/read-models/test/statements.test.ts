import { SqlLedgerQueries } from '../src';
import { catchUp } from './support/projections';
import { applyLines } from './support/scenario';
import { SETUPS } from './support/setups';

/**
 * One partner at 33.33 % of 10 USD per lot. Trades count on their UTC close day (a -02:00
 * close just before midnight local is the next UTC day), a void counts on its trade's close
 * day, a payout on its run's day.
 */
const lines = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '10', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '33.33', at: '2026-09-01T00:00:00Z' },
  ...[
    ['T1', '1', '2026-09-01T10:00:00Z'],
    ['T2', '2', '2026-09-02T23:59:59.999999999Z'],
    ['T3', '1', '2026-09-01T23:00:00-02:00'],
  ].map(([tradeId, lots, closedAt]) => ({
    type: 'trade-closed',
    tradeId,
    clientId: 'C1',
    accountType: 'FIXED',
    symbol: 'EURUSD',
    lots,
    closedAt,
  })),
  { type: 'run-payouts', at: '2026-09-03T08:00:00Z' },
  { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-04T00:00:00Z' },
  {
    type: 'trade-closed',
    tradeId: 'T4',
    clientId: 'C1',
    accountType: 'FIXED',
    symbol: 'XAUUSD',
    lots: '2.5',
    closedAt: '2026-09-05T00:00:00Z',
  },
];

describe.each(SETUPS)('statements by day on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('trades by close day, voids on the trade’s day, payouts on the run’s day', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      await applyLines(store, lines);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);

      expect(await queries.partnerStatement('P1', '2026-09-01', '2026-09-30')).toEqual([
        {
          day: '2026-09-01',
          trades: 0,
          lots: '0',
          remuneration: '0',
          rebates: '0',
          overridesPaid: '0',
          overridesReceived: '0',
          net: '0',
        },
        {
          day: '2026-09-02',
          trades: 2,
          lots: '3',
          remuneration: '30',
          rebates: '9.999',
          overridesPaid: '0',
          overridesReceived: '0',
          net: '20.001',
        },
        {
          day: '2026-09-05',
          trades: 1,
          lots: '2.5',
          remuneration: '25',
          rebates: '8.3325',
          overridesPaid: '0',
          overridesReceived: '0',
          net: '16.6675',
        },
      ]);
      expect(await queries.partnerStatement('P1', '2026-09-02', '2026-09-02')).toHaveLength(1);
      expect(await queries.partnerStatement('P1', '2026-10-01', '2026-10-31')).toEqual([]);

      expect(await queries.clientStatement('C1', '2026-09-01', '2026-09-30')).toEqual([
        { day: '2026-09-01', trades: 0, lots: '0', rebates: '0', paidOut: '0' },
        { day: '2026-09-02', trades: 2, lots: '3', rebates: '9.999', paidOut: '0' },
        { day: '2026-09-03', trades: 0, lots: '0', rebates: '0', paidOut: '13.33' },
        { day: '2026-09-05', trades: 1, lots: '2.5', rebates: '8.3325', paidOut: '0' },
      ]);

      // 13.332 earned by the run, 13.33 paid; then T1 (3.333) voided and T4 (8.3325) earned.
      expect(await queries.clientBalance('C1')).toEqual({
        clientId: 'C1',
        partnerId: 'P1',
        trades: 3,
        lots: '5.5',
        rebates: '18.3315',
        paidOut: '13.33',
        paid: '0',
        inFlight: '13.33',
        balance: '5.0015',
        pendingPayout: '5',
      });
      expect(await queries.partnerBalance('P1')).toEqual({
        partnerId: 'P1',
        model: 'agent',
        trades: 3,
        lots: '5.5',
        remuneration: '55',
        rebates: '18.3315',
        overridesPaid: '0',
        overridesReceived: '0',
        net: '36.6685',
        clients: 1,
      });
      expect(await queries.partnerBalance('nobody')).toBeUndefined();
      expect(await queries.clientBalance('nobody')).toBeUndefined();
      await expect(queries.partnerStatement('P1', '2026-9-1', '2026-09-30')).rejects.toThrow(
        RangeError,
      );
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('a balance under a cent or negative has no pending payout', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      const queries = new SqlLedgerQueries(storage);
      await applyLines(store, lines.slice(0, 8)); // through the run: 13.332 earned, 13.33 paid
      await catchUp(store, storage);
      expect(await queries.clientBalance('C1')).toMatchObject({
        balance: '0.002',
        pendingPayout: '0',
      });
      await applyLines(store, lines.slice(8, 9), 'void'); // T1 (3.333) voided
      await catchUp(store, storage);
      expect(await queries.clientBalance('C1')).toMatchObject({
        balance: '-3.331',
        pendingPayout: '0',
      });
    } finally {
      await storage.close();
      await store.close();
    }
  });
});
