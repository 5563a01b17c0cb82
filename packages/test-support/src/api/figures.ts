import { Decimal } from '@rebate/domain';
import type { SimulationReport } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance } from '@rebate/read-models';

/**
 * The figures every path must agree on (`rebate simulate`, the API, Kafka ingestion), in one
 * form: amounts compared as the rules say readers compare them, as numbers.
 */

export const amount = (text: string): string => Decimal(text).toFixed();

export const partnersOf = (items: readonly PartnerBalance[] | SimulationReport['partners']) =>
  items.map((p) => ({
    partnerId: p.partnerId,
    trades: p.trades,
    lots: amount(p.lots),
    remuneration: amount(p.remuneration),
    rebates: amount(p.rebates),
    overridesPaid: amount(p.overridesPaid),
    overridesReceived: amount(p.overridesReceived),
    net: amount(p.net),
  }));

export const clientsOf = (items: readonly ClientBalance[] | SimulationReport['clients']) =>
  items.map((c) => ({
    clientId: c.clientId,
    partnerId: c.partnerId,
    trades: c.trades,
    lots: amount(c.lots),
    rebates: amount(c.rebates),
    paidOut: amount(c.paidOut),
    balance: amount(c.balance),
  }));
