import { type Big, Decimal, ZERO, formatDecimal, sumOf } from '@rebate/domain';
import {
  type ClientReconciliation,
  type ClientReconciliationRow,
  FIRST_DAY,
  LAST_DAY,
  type PartnerReconciliation,
  SqlLedgerQueries,
  type TrialBalance,
} from '../src';
import { propertySeed } from '@rebate/test-support';
import { clientDaysOf, dayOracle, partnerDaysOf } from './support/day-oracle';
import { catchUp } from './support/projections';
import { longScenarioWithPayouts, payoutResults } from './support/reconciliation-scenario';
import { applyLines, numRuns } from './support/scenario';
import { SETUPS } from './support/setups';

/**
 * The reconciliation exports over a long random history (the ledger's scenario generator, run
 * by `runScenario`, which `rebate simulate` wraps): per partner and per client the rows sum to
 * the simulate figures, each row is the statement's day (and the events' own day sums), the
 * totals row is the sum of the rows, and the totals tie to the trial balance. Replay a failure
 * with FC_SEED=<seed printed>.
 */

const d = (text: string): Big => Decimal(text);
const sum = (values: readonly string[]): string => formatDecimal(sumOf(values.map(d)));
const sumBy = <R>(rows: readonly R[], field: (row: R) => string) => sum(rows.map(field));

const PARTNER_FIELDS = [
  'lots',
  'remuneration',
  'rebates',
  'overridesPaid',
  'overridesReceived',
  'net',
] as const;
const CLIENT_FLOWS = ['rebates', 'payoutsRequested', 'payoutsCompleted', 'payoutsFailed'] as const;

/** The sum of the trial balance's USD (or other asset) balances of accounts named `prefix…`. */
const trialSum = (trial: TrialBalance, prefix: string, asset = 'USD', partnerId?: string) =>
  sum(
    trial.accounts
      .filter((line) => line.asset === asset && line.account.startsWith(prefix))
      .filter((line) => partnerId === undefined || line.account.endsWith(`@${partnerId}`))
      .map((line) => line.balance),
  );

const rowsOf = <R extends { readonly day: string }>(
  rows: readonly R[],
  key: (row: R) => string,
  id: string,
) => rows.filter((row) => key(row) === id);

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const expectTotalsAreSums = (partners: PartnerReconciliation, clients: ClientReconciliation) => {
  expect(partners.totals.trades).toBe(partners.rows.reduce((n, row) => n + row.trades, 0));
  for (const field of PARTNER_FIELDS) {
    expect(partners.totals[field]).toBe(sumBy(partners.rows, (row) => row[field]));
  }
  for (const field of CLIENT_FLOWS) {
    expect(clients.totals[field]).toBe(sumBy(clients.rows, (row) => row[field]));
  }
  // The closing balance is the opening one moved by the range's flows.
  const { openingBalance, rebates, payoutsRequested, payoutsFailed, balance } = clients.totals;
  expect(balance).toBe(
    formatDecimal(d(openingBalance).plus(rebates).minus(payoutsRequested).plus(payoutsFailed)),
  );
};

describe.each(SETUPS)('reconciliation exports on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('by hand: a void after payouts, a failed and a completed payout, a range', async () => {
    const at = (day: string, time = '08:00:00') => `2026-09-${day}T${time}Z`;
    const trade = (tradeId: string, lots: string, day: string) => ({
      type: 'trade-closed',
      tradeId,
      clientId: 'C1',
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots,
      closedAt: at(day, '10:00:00'),
    });
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      // 10 USD per lot, 20 % to the client: T1 2 lots (20, rebate 4), T2 3 lots (30, 6), T3 1
      // lot (10, 2). Run 1 pays 10 (fails), run 2 pays 12 (completes), then T1 is voided: its
      // reversal posts on its close day, 09-01, and leaves the client owing 4.
      await applyLines(store, [
        {
          type: 'set-remuneration',
          accountType: 'FIXED',
          usdPerLot: '10',
          at: at('01', '00:00:00'),
        },
        { type: 'register-partner', partnerId: 'P1', model: 'agent', at: at('01', '00:00:00') },
        { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: at('01', '00:00:00') },
        { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: at('01', '00:00:00') },
        trade('T1', '2', '01'),
        trade('T2', '3', '02'),
        { type: 'run-payouts', at: at('03') },
        { type: 'payout-failed', payoutId: `${at('03')}/C1`, reason: 'bank refused', at: at('04') },
        trade('T3', '1', '05'),
        { type: 'run-payouts', at: at('06') },
        { type: 'payout-completed', payoutId: `${at('06')}/C1`, at: at('07') },
        { type: 'trade-cancelled', tradeId: 'T1', at: at('08') },
      ]);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);
      const september = { from: '2026-09-01', to: '2026-09-30' };
      const flows = (day: string, flow: Partial<ClientReconciliationRow>, balance: string) => ({
        day,
        clientId: 'C1',
        rebates: '0',
        payoutsRequested: '0',
        payoutsCompleted: '0',
        payoutsFailed: '0',
        ...flow,
        balance,
      });
      expect(await queries.clientReconciliation(september)).toEqual({
        report: 'clients',
        ...september,
        partnerId: null,
        rows: [
          flows('2026-09-01', {}, '0'),
          flows('2026-09-02', { rebates: '6' }, '6'),
          flows('2026-09-03', { payoutsRequested: '10' }, '-4'),
          flows('2026-09-04', { payoutsFailed: '10' }, '6'),
          flows('2026-09-05', { rebates: '2' }, '8'),
          flows('2026-09-06', { payoutsRequested: '12' }, '-4'),
          flows('2026-09-07', { payoutsCompleted: '12' }, '-4'),
        ],
        totals: {
          rebates: '8',
          payoutsRequested: '22',
          payoutsCompleted: '12',
          payoutsFailed: '10',
          openingBalance: '0',
          balance: '-4',
        },
      });
      const day = (d: string, trades: number, lots: string, remuneration: string) => ({
        day: d,
        partnerId: 'P1',
        trades,
        lots,
        remuneration,
        rebates: formatDecimal(Decimal(remuneration).times('0.2')),
        overridesPaid: '0',
        overridesReceived: '0',
        net: formatDecimal(Decimal(remuneration).times('0.8')),
      });
      expect(await queries.partnerReconciliation({ ...september, partnerId: 'P1' })).toEqual({
        report: 'partners',
        ...september,
        partnerId: 'P1',
        rows: [
          day('2026-09-01', 0, '0', '0'),
          day('2026-09-02', 1, '3', '30'),
          day('2026-09-05', 1, '1', '10'),
        ],
        totals: (({ day: _, partnerId: __, ...figures }) => figures)(day('', 2, '4', '40')),
      });
      // 09-04 to 09-06 opens at the end of 09-03 and closes at the end of 09-06.
      const middle = await queries.clientReconciliation({ from: '2026-09-04', to: '2026-09-06' });
      expect(middle.rows.map((row) => [row.day, row.balance])).toEqual([
        ['2026-09-04', '6'],
        ['2026-09-05', '8'],
        ['2026-09-06', '-4'],
      ]);
      expect(middle.totals).toEqual({
        rebates: '2',
        payoutsRequested: '12',
        payoutsCompleted: '0',
        payoutsFailed: '10',
        openingBalance: '-4',
        balance: '-4',
      });
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('a long randomized run: rows sum to simulate, totals to rows and to the trial balance', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      const seed = propertySeed(`reconciliation (${setup.name})`);
      const history = await applyLines(store, longScenarioWithPayouts(seed, numRuns(30)));
      const results = payoutResults(history);
      const report = await applyLines(store, results, 'results');
      expect(report.rejected).toEqual([]);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);
      const whole = { from: FIRST_DAY, to: LAST_DAY };
      const partners = await queries.partnerReconciliation(whole);
      const clients = await queries.clientReconciliation(whole);
      const trial = await queries.trialBalance();
      expect(partners).toMatchObject({ report: 'partners', ...whole, partnerId: null });
      expect(clients).toMatchObject({ report: 'clients', ...whole, partnerId: null });

      // Per partner: the rows sum to what `rebate simulate` reports.
      for (const expected of report.partners) {
        const rows = rowsOf(partners.rows, (row) => row.partnerId, expected.partnerId);
        expect({
          partnerId: expected.partnerId,
          trades: rows.reduce((n, row) => n + row.trades, 0),
          ...Object.fromEntries(PARTNER_FIELDS.map((f) => [f, sumBy(rows, (row) => row[f])])),
        }).toEqual({
          partnerId: expected.partnerId,
          trades: expected.trades,
          ...Object.fromEntries(PARTNER_FIELDS.map((f) => [f, formatDecimal(d(expected[f]))])),
        });
      }
      // Per client: rebates, payouts net of failures, the last balance; payouts by status.
      const payoutsOf = (clientId: string, status?: string) =>
        sum(
          report.payouts
            .filter((p) => p.clientId === clientId && (status === undefined || p.status === status))
            .map((p) => p.amount),
        );
      for (const expected of report.clients) {
        const rows = rowsOf(clients.rows, (row) => row.clientId, expected.clientId);
        const last: ClientReconciliationRow | undefined = rows[rows.length - 1];
        expect({
          clientId: expected.clientId,
          rebates: sumBy(rows, (row) => row.rebates),
          paidOut: formatDecimal(
            d(sumBy(rows, (row) => row.payoutsRequested)).minus(
              sumBy(rows, (row) => row.payoutsFailed),
            ),
          ),
          requested: sumBy(rows, (row) => row.payoutsRequested),
          completed: sumBy(rows, (row) => row.payoutsCompleted),
          failed: sumBy(rows, (row) => row.payoutsFailed),
          balance: last?.balance ?? '0',
        }).toEqual({
          clientId: expected.clientId,
          rebates: formatDecimal(d(expected.rebates)),
          paidOut: formatDecimal(d(expected.paidOut)),
          requested: payoutsOf(expected.clientId),
          completed: payoutsOf(expected.clientId, 'completed'),
          failed: payoutsOf(expected.clientId, 'failed'),
          balance: formatDecimal(d(expected.balance)),
        });
      }
      // Nobody outside the simulate report has a row.
      const partnerIds = new Set(report.partners.map((p) => p.partnerId));
      const clientIds = new Set(report.clients.map((c) => c.clientId));
      expect(partners.rows.filter((row) => !partnerIds.has(row.partnerId))).toEqual([]);
      expect(clients.rows.filter((row) => !clientIds.has(row.clientId))).toEqual([]);

      // Each row is that day of the statements (the port), and of the events' own sums.
      const oracle = await dayOracle(store);
      for (const partnerId of partnerIds) {
        const days = rowsOf(partners.rows, (row) => row.partnerId, partnerId).map(
          ({ partnerId: _, ...day }) => day,
        );
        expect(days).toEqual(await queries.partnerStatement(partnerId, FIRST_DAY, LAST_DAY));
        const byOracle = new Map(partnerDaysOf(oracle, partnerId).map((day) => [day.day, day]));
        for (const day of days) expect(day).toEqual(byOracle.get(day.day));
      }
      for (const clientId of clientIds) {
        const days = rowsOf(clients.rows, (row) => row.clientId, clientId).map((row) => ({
          day: row.day,
          rebates: row.rebates,
          paidOut: formatDecimal(d(row.payoutsRequested).minus(row.payoutsFailed)),
        }));
        const statement = await queries.clientStatement(clientId, FIRST_DAY, LAST_DAY);
        expect(days).toEqual(
          statement.map(({ day, rebates, paidOut }) => ({ day, rebates, paidOut })),
        );
        const byOracle = new Map(clientDaysOf(oracle, clientId).map((day) => [day.day, day]));
        for (const day of days) {
          expect(day).toEqual({
            day: day.day,
            // A day when payouts only completed moves nothing the oracle sums.
            rebates: byOracle.get(day.day)?.rebates ?? '0',
            paidOut: byOracle.get(day.day)?.paidOut ?? '0',
          });
        }
      }

      // The totals row is the sum of the rows, and ties to the trial balance.
      expectTotalsAreSums(partners, clients);
      const t = partners.totals;
      expect(clients.totals.openingBalance).toBe('0');
      expect(clients.totals.balance).toBe(trialSum(trial, 'client:'));
      expect(clients.totals.rebates).toBe(t.rebates);
      expect(clients.totals.payoutsCompleted).toBe(trialSum(trial, 'payouts:paid:'));
      expect(
        formatDecimal(
          d(clients.totals.payoutsRequested)
            .minus(clients.totals.payoutsCompleted)
            .minus(clients.totals.payoutsFailed),
        ),
      ).toBe(trialSum(trial, 'payouts:in-flight:'));
      expect(t.remuneration).toBe(formatDecimal(d(trialSum(trial, 'broker:')).neg()));
      expect(t.net).toBe(trialSum(trial, 'partner:'));
      expect(t.overridesPaid).toBe(t.overridesReceived);
      expect(String(t.trades)).toBe(trialSum(trial, 'client:', 'TRADES'));
      expect(t.lots).toBe(trialSum(trial, 'client:', 'LOTS'));
      // What the broker paid is what partners kept plus what clients earned.
      expect(formatDecimal(d(t.net).plus(t.rebates))).toBe(t.remuneration);

      // Two ranges split at a day: their rows are the whole's, the first's closing balance is
      // the second's opening balance.
      const days = [...new Set(clients.rows.map((row) => row.day))].sort();
      const mid = days[Math.floor(days.length / 2)] ?? '2026-09-01';
      const firstPart = { from: FIRST_DAY, to: mid };
      const secondPart = { from: nextDay(mid), to: LAST_DAY };
      const [c1, c2] = [
        await queries.clientReconciliation(firstPart),
        await queries.clientReconciliation(secondPart),
      ];
      const [p1, p2] = [
        await queries.partnerReconciliation(firstPart),
        await queries.partnerReconciliation(secondPart),
      ];
      const byKey = (row: { day: string; clientId?: string; partnerId?: string }) =>
        `${row.clientId ?? row.partnerId}/${row.day}`;
      const sorted = <R extends { day: string }>(rows: readonly R[]) =>
        [...rows].sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
      expect(sorted([...c1.rows, ...c2.rows])).toEqual(sorted(clients.rows));
      expect(sorted([...p1.rows, ...p2.rows])).toEqual(sorted(partners.rows));
      expect(c2.totals.openingBalance).toBe(c1.totals.balance);
      expect(c2.totals.balance).toBe(clients.totals.balance);
      expectTotalsAreSums(p1, c1);
      expectTotalsAreSums(p2, c2);

      // One partner: its rows only; its clients' parts earned what it paid out as rebates.
      for (const partnerId of partnerIds) {
        const one = { ...whole, partnerId };
        const mine = await queries.partnerReconciliation(one);
        expect(mine.rows).toEqual(rowsOf(partners.rows, (row) => row.partnerId, partnerId));
        const theirClients = await queries.clientReconciliation(one);
        expect(theirClients.partnerId).toBe(partnerId);
        expect(theirClients.totals.rebates).toBe(mine.totals.rebates);
        expect(theirClients.totals.balance).toBe(trialSum(trial, 'client:', 'USD', partnerId));
        expectTotalsAreSums(mine, theirClients);
      }
      const active = partners.rows.length;
      const balances = clients.rows.filter((row) => !d(row.balance).eq(ZERO)).length;
      console.log(
        `[reconciliation] ${setup.name}: ${active} partner rows, ${clients.rows.length} client rows (${balances} with a balance), totals ${JSON.stringify(clients.totals)}`,
      );
      expect(active).toBeGreaterThan(10);
    } finally {
      await storage.close();
      await store.close();
    }
  });
});
