import { ZERO, balanceOf, formatDecimal, roundDownToCents } from '@rebate/domain';
import type {
  ClientAccountRow,
  ClientDayRow,
  PartnerDayRow,
  PartnerTotalsRow,
} from '../projections/balances/tables';
import type { ClientBalance, ClientDay, PartnerBalance, PartnerDay } from '../queries';

/** Balance rows as the wire answers: decimal strings, computed with the domain's functions. */

export const partnerBalance = (row: PartnerTotalsRow): PartnerBalance => ({
  partnerId: row.partnerId,
  model: row.model,
  trades: row.trades,
  lots: formatDecimal(row.lots),
  remuneration: formatDecimal(row.remuneration),
  rebates: formatDecimal(row.rebates),
  net: formatDecimal(row.net),
  clients: row.clients,
});

export const clientBalance = (row: ClientAccountRow): ClientBalance => {
  const balance = balanceOf(row);
  return {
    clientId: row.clientId,
    partnerId: row.partnerId,
    trades: row.trades,
    lots: formatDecimal(row.lots),
    rebates: formatDecimal(row.rebates),
    paidOut: formatDecimal(row.paidOut),
    balance: formatDecimal(balance),
    // What a run would pay: whole cents, rounded down; a negative balance pays nothing.
    pendingPayout: formatDecimal(balance.gt(ZERO) ? roundDownToCents(balance) : ZERO),
  };
};

export const partnerDay = (row: PartnerDayRow): PartnerDay => ({
  day: row.day,
  trades: row.trades,
  lots: formatDecimal(row.lots),
  remuneration: formatDecimal(row.remuneration),
  rebates: formatDecimal(row.rebates),
  net: formatDecimal(row.net),
});

export const clientDay = (row: ClientDayRow): ClientDay => ({
  day: row.day,
  trades: row.trades,
  lots: formatDecimal(row.lots),
  rebates: formatDecimal(row.rebates),
  paidOut: formatDecimal(row.paidOut),
});
