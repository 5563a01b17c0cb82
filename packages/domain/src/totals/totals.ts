import type { PayoutEvent } from '../events/payout-events';
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
  /** Passed up to the parent (rules, section 12). */
  readonly overridesPaid: Big;
  /** Received from direct sub-partners. */
  readonly overridesReceived: Big;
  /** remuneration - rebates - overridesPaid + overridesReceived. */
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
  /** Payouts requested or completed; a failed payout gives its amount back. */
  readonly paidOut: Big;
}

export const emptyPartnerTotals = (partnerId: string): PartnerTotals => ({
  partnerId,
  trades: 0,
  lots: ZERO,
  remuneration: ZERO,
  rebates: ZERO,
  overridesPaid: ZERO,
  overridesReceived: ZERO,
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

/** What one trade changes for one partner of its chain (the trade's partner, then each ancestor). */
export interface PartnerShare {
  readonly partnerId: string;
  readonly trades: number;
  readonly lots: Big;
  readonly remuneration: Big;
  readonly rebates: Big;
  readonly overridesPaid: Big;
  readonly overridesReceived: Big;
}

/**
 * Every partner's share of an accrual, signed (a reversal is the exact negation): the trade's
 * partner counts the trade and pays level 1 up; level k receives o(k) and pays o(k+1) up.
 */
export const partnerSharesOf = (event: TradeEffect): PartnerShare[] => {
  const sign = (value: Big): Big => (event.type === 'RebateAccrued' ? value : value.neg());
  const paidUp = (level: number): Big => sign(event.overrides[level]?.amount ?? ZERO);
  const own: PartnerShare = {
    partnerId: event.partnerId,
    trades: event.type === 'RebateAccrued' ? 1 : -1,
    lots: sign(event.lots),
    remuneration: sign(event.remuneration),
    rebates: sign(event.rebate),
    overridesPaid: paidUp(0),
    overridesReceived: ZERO,
  };
  const ancestors = event.overrides.map((level, index): PartnerShare => ({
    partnerId: level.partnerId,
    trades: 0,
    lots: ZERO,
    remuneration: ZERO,
    rebates: ZERO,
    overridesPaid: paidUp(index + 1),
    overridesReceived: sign(level.amount),
  }));
  return [own, ...ancestors];
};

export const applyPartnerShare = (totals: PartnerTotals, share: PartnerShare): PartnerTotals => ({
  ...totals,
  trades: totals.trades + share.trades,
  lots: totals.lots.plus(share.lots),
  remuneration: totals.remuneration.plus(share.remuneration),
  rebates: totals.rebates.plus(share.rebates),
  overridesPaid: totals.overridesPaid.plus(share.overridesPaid),
  overridesReceived: totals.overridesReceived.plus(share.overridesReceived),
  net: totals.net
    .plus(share.remuneration)
    .minus(share.rebates)
    .minus(share.overridesPaid)
    .plus(share.overridesReceived),
});

/** The trade partner's own share of an accrual or reversal (its ancestors: `partnerSharesOf`). */
export const applyToPartnerTotals = (totals: PartnerTotals, event: TradeEffect): PartnerTotals =>
  applyPartnerShare(totals, partnerSharesOf(event)[0] as PartnerShare);

/** How a payout event moves the client's paid-out sum: requested +, failed - (given back). */
export const paidOutDelta = (event: PayoutEvent): Big =>
  event.type === 'PayoutRequested'
    ? event.amount
    : event.type === 'PayoutFailed'
      ? event.amount.neg()
      : ZERO;

export const applyToClientAccount = (
  account: ClientAccount,
  event: TradeEffect | PayoutEvent,
): ClientAccount => {
  if (event.type !== 'RebateAccrued' && event.type !== 'RebateReversed')
    return { ...account, paidOut: account.paidOut.plus(paidOutDelta(event)) };
  const accrued = event.type === 'RebateAccrued';
  const sign = (value: Big): Big => (accrued ? value : value.neg());
  return {
    ...account,
    trades: account.trades + (accrued ? 1 : -1),
    lots: account.lots.plus(sign(event.lots)),
    rebates: account.rebates.plus(sign(event.rebate)),
  };
};
