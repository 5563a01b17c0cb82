import {
  type ClientAccount,
  type PartnerTotals,
  ZERO,
  balanceOf,
  formatDecimal,
  roundDownToCents,
} from '@rebate/domain';
import type { ClientBalance, ClientDay, PartnerBalance, PartnerDay } from '../queries';
import type { PayoutFigures } from './account-figures';

/** Balances as the wire answers: decimal strings, computed with the domain's functions. */

export const partnerBalance = (
  totals: PartnerTotals & { readonly model: string; readonly clients: number },
): PartnerBalance => ({
  partnerId: totals.partnerId,
  model: totals.model,
  trades: totals.trades,
  lots: formatDecimal(totals.lots),
  remuneration: formatDecimal(totals.remuneration),
  rebates: formatDecimal(totals.rebates),
  overridesPaid: formatDecimal(totals.overridesPaid),
  overridesReceived: formatDecimal(totals.overridesReceived),
  net: formatDecimal(totals.net),
  clients: totals.clients,
});

const NO_PAYOUTS: PayoutFigures = { paid: ZERO, inFlight: ZERO };

export const clientBalance = (
  account: ClientAccount,
  payouts: PayoutFigures = NO_PAYOUTS,
): ClientBalance => {
  const balance = balanceOf(account);
  return {
    clientId: account.clientId,
    partnerId: account.partnerId,
    trades: account.trades,
    lots: formatDecimal(account.lots),
    rebates: formatDecimal(account.rebates),
    paidOut: formatDecimal(account.paidOut),
    paid: formatDecimal(payouts.paid),
    inFlight: formatDecimal(payouts.inFlight),
    balance: formatDecimal(balance),
    // What a run would pay: whole cents, rounded down; a negative balance pays nothing.
    pendingPayout: formatDecimal(balance.gt(ZERO) ? roundDownToCents(balance) : ZERO),
  };
};

export const partnerDay = (day: string, totals: PartnerTotals): PartnerDay => ({
  day,
  trades: totals.trades,
  lots: formatDecimal(totals.lots),
  remuneration: formatDecimal(totals.remuneration),
  rebates: formatDecimal(totals.rebates),
  overridesPaid: formatDecimal(totals.overridesPaid),
  overridesReceived: formatDecimal(totals.overridesReceived),
  net: formatDecimal(totals.net),
});

export const clientDay = (day: string, account: ClientAccount): ClientDay => ({
  day,
  trades: account.trades,
  lots: formatDecimal(account.lots),
  rebates: formatDecimal(account.rebates),
  paidOut: formatDecimal(account.paidOut),
});
