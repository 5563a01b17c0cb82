import type { EventStore } from '@rebate/event-store';
import { type Big, Decimal, formatDecimal } from '@rebate/domain';
import { fromRecorded } from '@rebate/ledger';

/**
 * Per-day totals computed straight from the events with plain big.js sums: an oracle that
 * shares no code with the projection. Trades count on their close day (reversals too), payouts
 * on the run's day.
 */

interface Sums {
  trades: number;
  lots: Big;
  remuneration: Big;
  rebates: Big;
  net: Big;
  overridesPaid: Big;
  overridesReceived: Big;
  paidOut: Big;
}

const zero = (): Sums => ({
  trades: 0,
  lots: Decimal('0'),
  remuneration: Decimal('0'),
  rebates: Decimal('0'),
  net: Decimal('0'),
  overridesPaid: Decimal('0'),
  overridesReceived: Decimal('0'),
  paidOut: Decimal('0'),
});

export interface DayOracle {
  readonly partnerDays: Map<string, Map<string, Sums>>;
  readonly clientDays: Map<string, Map<string, Sums>>;
}

const at = (map: Map<string, Map<string, Sums>>, id: string, day: string): Sums => {
  const days = map.get(id) ?? new Map<string, Sums>();
  map.set(id, days);
  const sums = days.get(day) ?? zero();
  days.set(day, sums);
  return sums;
};

export const dayOracle = async (store: EventStore): Promise<DayOracle> => {
  const partnerDays = new Map<string, Map<string, Sums>>();
  const clientDays = new Map<string, Map<string, Sums>>();
  const closeDay = new Map<string, string>();
  for await (const recorded of store.readAll()) {
    const event = fromRecorded(recorded);
    if (event.type === 'RebateAccrued' || event.type === 'RebateReversed') {
      const sign = event.type === 'RebateAccrued' ? 1 : -1;
      if (event.type === 'RebateAccrued') closeDay.set(event.tradeId, event.closedAt.slice(0, 10));
      const day = closeDay.get(event.tradeId) as string;
      const p = at(partnerDays, event.partnerId, day);
      const c = at(clientDays, event.clientId, day);
      const signed = (value: Big) => (sign > 0 ? value : value.neg());
      p.trades += sign;
      p.lots = p.lots.plus(signed(event.lots));
      p.remuneration = p.remuneration.plus(signed(event.remuneration));
      p.rebates = p.rebates.plus(signed(event.rebate));
      p.net = p.net.plus(signed(event.net));
      c.trades += sign;
      c.lots = c.lots.plus(signed(event.lots));
      c.rebates = c.rebates.plus(signed(event.rebate));
      // Overrides (section 12) pass up on the trade's day: out of the child's net, into the parent's.
      for (const level of event.overrides) {
        if (level.amount.eq(Decimal('0'))) continue; // nothing moved
        const child = at(partnerDays, level.childId, day);
        child.net = child.net.minus(signed(level.amount));
        child.overridesPaid = child.overridesPaid.plus(signed(level.amount));
        const parent = at(partnerDays, level.partnerId, day);
        parent.net = parent.net.plus(signed(level.amount));
        parent.overridesReceived = parent.overridesReceived.plus(signed(level.amount));
      }
    }
    if (event.type === 'PayoutRequested') {
      const c = at(clientDays, event.clientId, event.at.slice(0, 10));
      c.paidOut = c.paidOut.plus(event.amount);
    }
    if (event.type === 'PayoutFailed') {
      // A failed payout gives its amount back, on the day of the failure.
      const c = at(clientDays, event.clientId, event.at.slice(0, 10));
      c.paidOut = c.paidOut.minus(event.amount);
    }
  }
  return { partnerDays, clientDays };
};

export const partnerDaysOf = (oracle: DayOracle, partnerId: string) =>
  [...(oracle.partnerDays.get(partnerId) ?? new Map<string, Sums>()).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, s]) => ({
      day,
      trades: s.trades,
      lots: formatDecimal(s.lots),
      remuneration: formatDecimal(s.remuneration),
      rebates: formatDecimal(s.rebates),
      overridesPaid: formatDecimal(s.overridesPaid),
      overridesReceived: formatDecimal(s.overridesReceived),
      net: formatDecimal(s.net),
    }));

export const clientDaysOf = (oracle: DayOracle, clientId: string) =>
  [...(oracle.clientDays.get(clientId) ?? new Map<string, Sums>()).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, s]) => ({
      day,
      trades: s.trades,
      lots: formatDecimal(s.lots),
      rebates: formatDecimal(s.rebates),
      paidOut: formatDecimal(s.paidOut),
    }));
