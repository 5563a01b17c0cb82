import type { Agreement } from './types';

export type RateRule = 'individual' | 'default' | 'suspended' | 'cancelled' | 'none';

export interface RateInForce {
  readonly percent: string;
  readonly rule: RateRule;
}

/**
 * The rate a trade closing now would get, from the agreement the API answers, in the rules'
 * order (section 5; the domain's `rateAt`): a suspended switch earns 0; else the individual
 * rate; else 0 once cancelled; else the default rate; else 0. Only agent partners have rates.
 * Each accrual records the rule it used (`rateRule`), which the audit re-derives.
 */
export const rateInForce = (agreement: Agreement, clientId: string): RateInForce => {
  if (agreement.model !== 'agent') return { percent: '0', rule: 'none' };
  const client = agreement.clients.find((c) => c.clientId === clientId);
  if (agreement.suspended || client?.suspended === true) return { percent: '0', rule: 'suspended' };
  if (client?.individualRate != null) return { percent: client.individualRate, rule: 'individual' };
  if (client?.cancelled === true) return { percent: '0', rule: 'cancelled' };
  if (agreement.defaultRate != null) return { percent: agreement.defaultRate, rule: 'default' };
  return { percent: '0', rule: 'none' };
};
