import * as t from 'io-ts';
import { balanceOf, compareCodePoints, formatDecimal } from '@rebate/domain';
import type { LedgerTotals } from '../projections/ledger-totals';

/** The document `rebate simulate` prints (rules, section 7); amounts are decimal strings. */
export const SimulationReport = t.type({
  partners: t.array(
    t.type({
      partnerId: t.string,
      trades: t.number,
      lots: t.string,
      remuneration: t.string,
      rebates: t.string,
      overridesPaid: t.string,
      overridesReceived: t.string,
      net: t.string,
    }),
  ),
  clients: t.array(
    t.type({
      clientId: t.string,
      partnerId: t.union([t.string, t.null]),
      trades: t.number,
      lots: t.string,
      rebates: t.string,
      paidOut: t.string,
      balance: t.string,
    }),
  ),
  payouts: t.array(
    t.type({
      payoutId: t.string,
      clientId: t.string,
      amount: t.string,
      at: t.string,
      status: t.keyof({ requested: null, completed: null, failed: null }),
    }),
  ),
  rejected: t.array(t.type({ line: t.number, reason: t.string })),
  duplicates: t.number,
  unattributed: t.number,
  unqualified: t.number,
});
export type SimulationReport = t.TypeOf<typeof SimulationReport>;

/** Rules section 14: partner and client order is code point order (UTF-8 bytes), not UTF-16. */
const byKey =
  <K extends string>(key: K) =>
  (a: Record<K, string>, b: Record<K, string>): number =>
    compareCodePoints(a[key], b[key]);

export const buildReport = (
  totals: LedgerTotals,
  outcome: { rejected: SimulationReport['rejected']; duplicates: number },
): SimulationReport => ({
  partners: [...totals.partners.values()].sort(byKey('partnerId')).map((partner) => ({
    partnerId: partner.partnerId,
    trades: partner.trades,
    lots: formatDecimal(partner.lots),
    remuneration: formatDecimal(partner.remuneration),
    rebates: formatDecimal(partner.rebates),
    overridesPaid: formatDecimal(partner.overridesPaid),
    overridesReceived: formatDecimal(partner.overridesReceived),
    net: formatDecimal(partner.net),
  })),
  clients: [...totals.clients.values()].sort(byKey('clientId')).map((client) => ({
    clientId: client.clientId,
    partnerId: client.partnerId,
    trades: client.trades,
    lots: formatDecimal(client.lots),
    rebates: formatDecimal(client.rebates),
    paidOut: formatDecimal(client.paidOut),
    balance: formatDecimal(balanceOf(client)),
  })),
  payouts: totals.payouts.map((payout) => ({
    payoutId: payout.payoutId,
    clientId: payout.clientId,
    amount: formatDecimal(payout.amount),
    at: payout.at,
    status: totals.payoutStatus.get(payout.payoutId) ?? 'requested',
  })),
  rejected: outcome.rejected,
  duplicates: outcome.duplicates,
  unattributed: totals.unattributed,
  unqualified: totals.unqualified,
});
