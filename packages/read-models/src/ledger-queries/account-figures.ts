import {
  type Big,
  type ClientAccount,
  type PartnerTotals,
  ZERO,
  formatDecimal,
} from '@rebate/domain';
import type { AccountTotalRow } from '../projections/accounts/tables';

/**
 * The figures every balance and statement shows, as sums over account rows (each row's balance
 * is credits minus debits): trades and lots are the `TRADES` and `LOTS` of client:C@P accounts;
 * remuneration is what left broker:P; a client's rebates are what reached client:C@P, wherever
 * it went since (still there, in flight, paid); paid out is what is in flight or paid; a
 * partner's net is what partner:P holds (remuneration - rebates, minus overrides it passed up,
 * plus overrides its sub-partners passed to it); the overrides are partner:P's rows of the kinds
 * `partner-override-paid` and `partner-override-received` (docs/architecture.md).
 */
export interface Figures {
  readonly trades: Big;
  readonly lots: Big;
  readonly remuneration: Big;
  readonly rebates: Big;
  readonly paidOut: Big;
  /** What payouts:paid:C@P holds: payouts completed. */
  readonly paid: Big;
  /** What payouts:in-flight:C@P holds: payouts requested with no result yet. */
  readonly inFlight: Big;
  /** What partner:P holds: remuneration - rebates - overrides paid up + overrides received. */
  readonly share: Big;
  /** What left partner:P for its parent, net of reversals. */
  readonly overridesPaid: Big;
  /** What reached partner:P from its sub-partners, net of reversals. */
  readonly overridesReceived: Big;
}

export const NO_FIGURES: Figures = {
  trades: ZERO,
  lots: ZERO,
  remuneration: ZERO,
  rebates: ZERO,
  paidOut: ZERO,
  paid: ZERO,
  inFlight: ZERO,
  share: ZERO,
  overridesPaid: ZERO,
  overridesReceived: ZERO,
};

type Row = Pick<AccountTotalRow, 'kind' | 'asset' | 'debits' | 'credits'>;

export const addRow = (figures: Figures, row: Row): Figures => {
  const balance = row.credits.minus(row.debits);
  const is = (kind: string, asset: string) => row.kind === kind && row.asset === asset;
  if (is('client', 'TRADES')) return { ...figures, trades: figures.trades.plus(balance) };
  if (is('client', 'LOTS')) return { ...figures, lots: figures.lots.plus(balance) };
  if (is('client', 'USD')) return { ...figures, rebates: figures.rebates.plus(balance) };
  if (is('broker', 'USD')) return { ...figures, remuneration: figures.remuneration.minus(balance) };
  if (is('payouts-in-flight', 'USD') || is('payouts-paid', 'USD')) {
    const paidOut = {
      ...figures,
      rebates: figures.rebates.plus(balance),
      paidOut: figures.paidOut.plus(balance),
    };
    return row.kind === 'payouts-paid'
      ? { ...paidOut, paid: figures.paid.plus(balance) }
      : { ...paidOut, inFlight: figures.inFlight.plus(balance) };
  }
  if (is('partner', 'USD')) return { ...figures, share: figures.share.plus(balance) };
  if (is('partner-override-paid', 'USD'))
    return {
      ...figures,
      share: figures.share.plus(balance),
      overridesPaid: figures.overridesPaid.minus(balance),
    };
  if (is('partner-override-received', 'USD'))
    return {
      ...figures,
      share: figures.share.plus(balance),
      overridesReceived: figures.overridesReceived.plus(balance),
    };
  return figures; // market: no figure of its own
};

/** Folds rows into figures per group (partner, client or day), in first-seen order. */
export const figuresBy = <R extends Row>(
  rows: readonly R[],
  groupOf: (row: R) => string,
): Map<string, Figures> => {
  const groups = new Map<string, Figures>();
  for (const row of rows) {
    const group = groupOf(row);
    groups.set(group, addRow(groups.get(group) ?? NO_FIGURES, row));
  }
  return groups;
};

/** Trade counts are whole numbers, summed exactly and answered as numbers. */
const count = (value: Big): number => Number(formatDecimal(value));

/** A partner's totals as simulate reports them; the overrides are also netted in `net`. */
export const partnerTotalsOf = (partnerId: string, figures: Figures): PartnerTotals => ({
  partnerId,
  trades: count(figures.trades),
  lots: figures.lots,
  remuneration: figures.remuneration,
  rebates: figures.rebates,
  overridesPaid: figures.overridesPaid,
  overridesReceived: figures.overridesReceived,
  net: figures.share,
});

export const clientAccountOf = (
  clientId: string,
  partnerId: string | null,
  figures: Figures,
): ClientAccount => ({
  clientId,
  partnerId,
  trades: count(figures.trades),
  lots: figures.lots,
  rebates: figures.rebates,
  paidOut: figures.paidOut,
});

/** Paid out, split: completed, and requested with no result yet. */
export interface PayoutFigures {
  readonly paid: Big;
  readonly inFlight: Big;
}

export const payoutFiguresOf = (figures: Figures): PayoutFigures => ({
  paid: figures.paid,
  inFlight: figures.inFlight,
});

const hasTrades = (rows: readonly Row[]): boolean =>
  rows.some((row) => row.kind === 'client' && row.asset === 'TRADES');

const PARTNER_KINDS = new Set(['partner', 'partner-override-paid', 'partner-override-received']);

/**
 * A partner's statement day exists when trades closed on it (accrued or reversed) or an
 * override reached or left it (a parent's day with no trades of its own).
 */
export const hasPartnerActivity = (rows: readonly Row[]): boolean =>
  hasTrades(rows) || rows.some((row) => PARTNER_KINDS.has(row.kind));

/** A client's statement day exists when trades closed on it or a payout ran or failed. */
export const hasClientActivity = (rows: readonly Row[]): boolean =>
  hasTrades(rows) || rows.some((row) => row.kind === 'payouts-in-flight');
