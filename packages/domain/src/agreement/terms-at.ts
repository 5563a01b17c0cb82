import type { RateRule, RemunerationSource } from '../events/fields';
import { type Big, ZERO } from '../values/decimal';
import { latest, valueAt } from '../values/history';
import type { Instant } from '../values/instant';
import { AGENT_MODEL, type AgreementBook, type PartnerAgreement } from './book';

/** Questions asked of the book at one instant: a trade's close, a command's or a payout's time. */

export const partnerOfClientAt = (
  book: AgreementBook,
  clientId: string,
  at: Instant,
): PartnerAgreement | undefined => {
  const partnerId = valueAt(book.attachments.get(clientId), at);
  return partnerId === undefined ? undefined : book.partners.get(partnerId);
};

/** The partner the client is attached to now (its latest attachment). */
export const currentPartnerId = (book: AgreementBook, clientId: string): string | undefined =>
  latest(book.attachments.get(clientId))?.value;

export const isKnownClient = (book: AgreementBook, clientId: string): boolean =>
  book.attachments.has(clientId);

export interface RemunerationTerms {
  readonly usdPerLot: Big;
  readonly source: RemunerationSource;
}

/** A partner-specific usdPerLot overrides the broker-wide one; with neither it is 0. */
export const remunerationAt = (
  book: AgreementBook,
  partner: PartnerAgreement,
  accountType: string,
  at: Instant,
): RemunerationTerms => {
  const own = valueAt(partner.remuneration.get(accountType), at);
  if (own !== undefined) return { usdPerLot: own, source: 'partner' };
  const broker = valueAt(book.brokerRemuneration.get(accountType), at);
  if (broker !== undefined) return { usdPerLot: broker, source: 'broker' };
  return { usdPerLot: ZERO, source: 'none' };
};

export interface RateTerms {
  readonly percent: Big;
  readonly rule: RateRule;
}

export const isSuspendedAt = (partner: PartnerAgreement, clientId: string, at: Instant): boolean =>
  valueAt(partner.suspended, at) === true ||
  valueAt(partner.clients.get(clientId)?.suspended, at) === true;

/**
 * The rules' order: suspended (either switch) earns 0; else the individual rate; else 0 when the
 * client was cancelled; else the default rate; else 0. Only agent partners have rates at all.
 */
export const rateAt = (partner: PartnerAgreement, clientId: string, at: Instant): RateTerms => {
  if (partner.model !== AGENT_MODEL) return { percent: ZERO, rule: 'none' };
  if (isSuspendedAt(partner, clientId, at)) return { percent: ZERO, rule: 'suspended' };
  const terms = partner.clients.get(clientId);
  const individual = valueAt(terms?.individualRate, at);
  if (individual != null) return { percent: individual, rule: 'individual' };
  if (valueAt(terms?.cancelled, at) === true) return { percent: ZERO, rule: 'cancelled' };
  const fallback = valueAt(partner.defaultRate, at);
  if (fallback != null) return { percent: fallback, rule: 'default' };
  return { percent: ZERO, rule: 'none' };
};

/** Payout runs skip a client that either switch of its partner at that time suspends. */
export const isClientSuspendedAt = (
  book: AgreementBook,
  clientId: string,
  at: Instant,
): boolean => {
  const partner = partnerOfClientAt(book, clientId, at);
  return partner !== undefined && isSuspendedAt(partner, clientId, at);
};
