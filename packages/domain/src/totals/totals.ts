import type { PayoutRequested } from '../events/payout-events';
import type { RebateAccrued, RebateReversed } from '../events/trade-events';
import { type Big, ZERO } from '../values/decimal';

/**
 * The balances every read path shows (simulate, projections, audit), as pure row updates, so
 * they all give the same numbers. Counts and sums cover attributed trades that are not cancelled.
 */

export interface PartnerTotals {
  readonly partnerId: string;
  readonly trades: number;
  readonly lots: Big;
  readonly remuneration: Big;
  readonly rebates: Big;
  readonly net: Big;
}

export interface ClientAccount {
  readonly clientId: string;
  /** The partner it is attached to now, or null. */
  readonly partnerId: string | null;
  readonly trades: number;
  readonly lots: Big;
  /** Rebates earned, net of reversals. */
  readonly rebates: Big;
  readonly paidOut: Big;
}

export const emptyPartnerTotals = (partnerId: string): PartnerTotals => ({
  partnerId,
  trades: 0,
  lots: ZERO,
  remuneration: ZERO,
  rebates: ZERO,
  net: ZERO,
});

export const emptyClientAccount = (clientId: string, partnerId: string | null): ClientAccount => ({
  clientId,
  partnerId,
  trades: 0,
  lots: ZERO,
  rebates: ZERO,
  paidOut: ZERO,
});

export const balanceOf = (account: ClientAccount): Big => account.rebates.minus(account.paidOut);

type TradeEffect = RebateAccrued | RebateReversed;
/** A reversal is the exact negation of its accrual. */
const signed =
  (event: TradeEffect) =>
  (value: Big): Big =>
    event.type === 'RebateAccrued' ? value : value.neg();

export const applyToPartnerTotals = (totals: PartnerTotals, event: TradeEffect): PartnerTotals => {
  const sign = signed(event);
  return {
    ...totals,
    trades: totals.trades + (event.type === 'RebateAccrued' ? 1 : -1),
    lots: totals.lots.plus(sign(event.lots)),
    remuneration: totals.remuneration.plus(sign(event.remuneration)),
    rebates: totals.rebates.plus(sign(event.rebate)),
    net: totals.net.plus(sign(event.net)),
  };
};

export const applyToClientAccount = (
  account: ClientAccount,
  event: TradeEffect | PayoutRequested,
): ClientAccount => {
  if (event.type === 'PayoutRequested')
    return { ...account, paidOut: account.paidOut.plus(event.amount) };
  const sign = signed(event);
  return {
    ...account,
    trades: account.trades + (event.type === 'RebateAccrued' ? 1 : -1),
    lots: account.lots.plus(sign(event.lots)),
    rebates: account.rebates.plus(sign(event.rebate)),
  };
};
