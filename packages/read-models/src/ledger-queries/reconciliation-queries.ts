import { type Big, ZERO, compareCodePoints, formatDecimal, sumOf } from '@rebate/domain';
import type { AccountDayRow } from '../projections/accounts/tables';
import type { ReadModelDb } from '../storage/port';
import { accountDayRows } from './account-queries';
import {
  type Figures,
  NO_FIGURES,
  figuresBy,
  hasClientActivity,
  hasPartnerActivity,
  partnerTotalsOf,
} from './account-figures';
import { partnerDay } from './balance-answers';
import type {
  ClientReconciliation,
  ClientReconciliationRow,
  PartnerReconciliation,
  PartnerReconciliationRow,
  ReconciliationRange,
} from './reconciliation-documents';

/**
 * The reconciliation exports, folded from the accounts projection's `account_days` rows with
 * the very functions the statements use (`figuresBy`, the activity rules), so every row is the
 * partner's or client's statement day, and the sums tie to the trial balance: one scan each,
 * no table of its own.
 */

/** Rows grouped by a key, then by day, days oldest first. */
const byKeyAndDay = (
  rows: readonly AccountDayRow[],
  keyOf: (row: AccountDayRow) => string,
): Map<string, Map<string, AccountDayRow[]>> => {
  const groups = new Map<string, Map<string, AccountDayRow[]>>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === '') continue; // market (and accounts of no partner or client)
    const days = groups.get(key) ?? new Map<string, AccountDayRow[]>();
    groups.set(key, days);
    const day = days.get(row.day);
    if (day === undefined) days.set(row.day, [row]);
    else day.push(row);
  }
  const sorted = new Map<string, Map<string, AccountDayRow[]>>();
  for (const key of [...groups.keys()].sort(compareCodePoints)) {
    const days = groups.get(key) as Map<string, AccountDayRow[]>;
    sorted.set(key, new Map([...days.entries()].sort(([a], [b]) => compareCodePoints(a, b))));
  }
  return sorted;
};

const total = <R>(rows: readonly R[], figure: (row: R) => Big): string =>
  formatDecimal(sumOf(rows.map(figure)));

const sumFigures = (figures: readonly Figures[]): Figures => ({
  trades: sumOf(figures.map((f) => f.trades)),
  lots: sumOf(figures.map((f) => f.lots)),
  remuneration: sumOf(figures.map((f) => f.remuneration)),
  rebates: sumOf(figures.map((f) => f.rebates)),
  paidOut: sumOf(figures.map((f) => f.paidOut)),
  paid: sumOf(figures.map((f) => f.paid)),
  inFlight: sumOf(figures.map((f) => f.inFlight)),
  share: sumOf(figures.map((f) => f.share)),
  overridesPaid: sumOf(figures.map((f) => f.overridesPaid)),
  overridesReceived: sumOf(figures.map((f) => f.overridesReceived)),
});

/** Per partner per day, as `partnerStatement` answers each day, and the sums. */
export const partnerReconciliationOf = async (
  db: ReadModelDb,
  range: ReconciliationRange,
): Promise<PartnerReconciliation> => {
  const found = await accountDayRows(db, { partnerId: range.partnerId }, range.from, range.to);
  const lines: PartnerReconciliationRow[] = [];
  const summed: Figures[] = [];
  for (const [partnerId, days] of byKeyAndDay(found, (row) => row.partnerId)) {
    for (const [day, dayRows] of days) {
      if (!hasPartnerActivity(dayRows)) continue;
      const figures = figuresBy(dayRows, () => day).get(day) ?? NO_FIGURES;
      summed.push(figures);
      const { day: _, ...answer } = partnerDay(day, partnerTotalsOf(partnerId, figures));
      lines.push({ day, partnerId, ...answer });
    }
  }
  const { day: __, ...totals } = partnerDay('', partnerTotalsOf('', sumFigures(summed)));
  return {
    report: 'partners',
    from: range.from,
    to: range.to,
    partnerId: range.partnerId ?? null,
    rows: lines,
    totals,
  };
};

/** What one day's rows of a client moved: its balance and the payout flows. */
interface ClientFlows {
  /** What reached client:C@P or left it for a payout and stayed out (statement figure). */
  readonly rebates: Big;
  readonly requested: Big;
  readonly completed: Big;
  readonly failed: Big;
  /** The change of client:C@P's balance. */
  readonly balance: Big;
}

const USD = (row: AccountDayRow, kind: string) => row.kind === kind && row.asset === 'USD';

const flowsOf = (dayRows: readonly AccountDayRow[]): ClientFlows => {
  const sum = (kind: string, side: 'debits' | 'credits') =>
    sumOf(dayRows.filter((row) => USD(row, kind)).map((row) => row[side]));
  // A run posts client -> in-flight; a result in-flight -> paid (completed) or -> client (failed).
  const completed = sum('payouts-paid', 'credits');
  return {
    rebates: figuresBy(dayRows, () => '').get('')?.rebates ?? ZERO,
    requested: sum('payouts-in-flight', 'credits'),
    completed,
    failed: sum('payouts-in-flight', 'debits').minus(completed),
    balance: sum('client', 'credits').minus(sum('client', 'debits')),
  };
};

/**
 * Per client per day (days as `clientStatement` keeps them), the balance at each day's end,
 * and the totals; with a partner, each client's part attributed to it. Rows before `from` are
 * read only for the opening balances.
 */
export const clientReconciliationOf = async (
  db: ReadModelDb,
  range: ReconciliationRange,
): Promise<ClientReconciliation> => {
  // From the first day (every day string sorts after ''), for the opening balances.
  const found = await accountDayRows(db, { partnerId: range.partnerId }, '', range.to);
  const lines: ClientReconciliationRow[] = [];
  const flows: ClientFlows[] = [];
  const openings: Big[] = [];
  const closings: Big[] = [];
  for (const [clientId, days] of byKeyAndDay(found, (row) => row.clientId)) {
    let balance = ZERO;
    let opened = false;
    for (const [day, dayRows] of days) {
      if (day >= range.from && !opened) {
        openings.push(balance);
        opened = true;
      }
      const moved = flowsOf(dayRows);
      balance = balance.plus(moved.balance);
      if (day < range.from || !hasClientActivity(dayRows)) continue;
      flows.push(moved);
      lines.push({
        day,
        clientId,
        rebates: formatDecimal(moved.rebates),
        payoutsRequested: formatDecimal(moved.requested),
        payoutsCompleted: formatDecimal(moved.completed),
        payoutsFailed: formatDecimal(moved.failed),
        balance: formatDecimal(balance),
      });
    }
    if (!opened) openings.push(balance);
    closings.push(balance);
  }
  return {
    report: 'clients',
    from: range.from,
    to: range.to,
    partnerId: range.partnerId ?? null,
    rows: lines,
    totals: {
      rebates: total(flows, (f) => f.rebates),
      payoutsRequested: total(flows, (f) => f.requested),
      payoutsCompleted: total(flows, (f) => f.completed),
      payoutsFailed: total(flows, (f) => f.failed),
      openingBalance: formatDecimal(sumOf(openings)),
      balance: formatDecimal(sumOf(closings)),
    },
  };
};
