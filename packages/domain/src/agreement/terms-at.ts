import type { RateRule, RemunerationSource } from '../events/fields';
import { type Big, ZERO } from '../values/decimal';
import { type History, latest, valueAt } from '../values/history';
import type { Instant } from '../values/instant';
import { AGENT_MODEL, type AgreementBook, type PartnerAgreement, symbolKey } from './book';

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

/**
 * The first schedule set at `at` (rules, section 13): the partner's for (account type, symbol),
 * the partner's for the account type, the broker's for (account type, symbol), the broker's for
 * the account type; else 0.
 */
export const remunerationAt = (
  book: AgreementBook,
  partner: PartnerAgreement,
  accountType: string,
  symbol: string,
  at: Instant,
): RemunerationTerms => {
  const key = symbolKey(accountType, symbol);
  const candidates: [History<Big> | undefined, RemunerationSource][] = [
    [partner.symbolRemuneration.get(key), 'partner-symbol'],
    [partner.remuneration.get(accountType), 'partner'],
    [book.brokerSymbolRemuneration.get(key), 'broker-symbol'],
    [book.brokerRemuneration.get(accountType), 'broker'],
  ];
  for (const [history, source] of candidates) {
    const usdPerLot = valueAt(history, at);
    if (usdPerLot !== undefined) return { usdPerLot, source };
  }
  return { usdPerLot: ZERO, source: 'none' };
};

/** The minimum hold for the partner's trades at `at`: its own, else the broker-wide one, else 0. */
export const minHoldSecondsAt = (
  book: AgreementBook,
  partner: PartnerAgreement,
  at: Instant,
): number => valueAt(partner.minHoldSeconds, at) ?? valueAt(book.brokerMinHoldSeconds, at) ?? 0;

/** The percent `parent` takes of `childId`'s share at `at`: the child's rate, else the default, else 0. */
export const overrideRateAt = (parent: PartnerAgreement, childId: string, at: Instant): Big =>
  valueAt(parent.overrideByChild.get(childId), at) ?? valueAt(parent.overrideDefault, at) ?? ZERO;

/** The broker-wide payout hold in days at `at`; 0 when none was set. */
export const payoutHoldDaysAt = (book: AgreementBook, at: Instant): number =>
  valueAt(book.payoutHold, at) ?? 0;

/** The partners a client was attached to, each once, in the order it was first attached to them. */
export const partnersInAttachmentOrder = (book: AgreementBook, clientId: string): string[] => [
  ...new Set((book.attachments.get(clientId) ?? []).map((change) => change.value)),
];

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
