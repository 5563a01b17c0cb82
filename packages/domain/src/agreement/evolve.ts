import { Map as ImmutableMap } from 'immutable';
import type { AgreementEvent } from '../events/agreement-events';
import type { Big } from '../values/decimal';
import { type History, changedAt } from '../values/history';
import { type Instant, isBefore } from '../values/instant';
import {
  type AgreementBook,
  type ClientTerms,
  type PartnerAgreement,
  emptyClientTerms,
  symbolKey,
} from './book';

const raiseWatermark = (partner: PartnerAgreement, at: Instant): PartnerAgreement =>
  isBefore(partner.watermark, at) ? { ...partner, watermark: at } : partner;

const updatePartner = (
  book: AgreementBook,
  partnerId: string,
  at: Instant,
  update: (partner: PartnerAgreement) => PartnerAgreement,
): AgreementBook => {
  const partner = book.partners.get(partnerId);
  if (!partner) return book; // decide never lets this happen; replaying is total anyway
  return { ...book, partners: book.partners.set(partnerId, update(raiseWatermark(partner, at))) };
};

const updateClientTerms = (
  partner: PartnerAgreement,
  clientId: string,
  update: (terms: ClientTerms) => ClientTerms,
): PartnerAgreement => ({
  ...partner,
  clients: partner.clients.set(clientId, update(partner.clients.get(clientId) ?? emptyClientTerms)),
});

const setSwitch = (
  book: AgreementBook,
  event: { partnerId: string; clientId: string | null; at: Instant },
  on: boolean,
): AgreementBook =>
  updatePartner(book, event.partnerId, event.at, (partner) =>
    event.clientId === null
      ? { ...partner, suspended: changedAt(partner.suspended, event.at, on) }
      : updateClientTerms(partner, event.clientId, (terms) => ({
          ...terms,
          suspended: changedAt(terms.suspended, event.at, on),
        })),
  );

/** Cancelling one client removes its rate and its fallback; partner-wide removes every rate. */
const cancelRates = (partner: PartnerAgreement, clientId: string | null, at: Instant) =>
  clientId === null
    ? {
        ...partner,
        defaultRate: changedAt(partner.defaultRate, at, null),
        clients: partner.clients.map((terms) => ({
          ...terms,
          individualRate: changedAt(terms.individualRate, at, null),
        })),
      }
    : updateClientTerms(partner, clientId, (terms) => ({
        ...terms,
        individualRate: changedAt(terms.individualRate, at, null),
        cancelled: changedAt(terms.cancelled, at, true),
      }));

const raiseBrokerWatermark = (book: AgreementBook, at: Instant): AgreementBook =>
  book.brokerWatermark && !isBefore(book.brokerWatermark, at)
    ? book
    : { ...book, brokerWatermark: at };

export const evolveBook = (book: AgreementBook, event: AgreementEvent): AgreementBook => {
  switch (event.type) {
    case 'PartnerRegistered':
      return {
        ...book,
        partners: book.partners.set(event.partnerId, {
          partnerId: event.partnerId,
          model: event.model,
          parentId: event.parentId,
          watermark: event.at,
          remuneration: ImmutableMap(),
          symbolRemuneration: ImmutableMap(),
          minHoldSeconds: [],
          overrideDefault: [],
          overrideByChild: ImmutableMap(),
          defaultRate: [],
          suspended: [],
          clients: ImmutableMap(),
        }),
      };
    case 'ClientAttached': {
      const attached: AgreementBook = {
        ...book,
        attachments: book.attachments.update(event.clientId, [], (history) =>
          changedAt(history, event.at, event.partnerId),
        ),
      };
      // The move is a command about both partners: both watermarks reach its time.
      const withOldPartner =
        event.previousPartnerId === null
          ? attached
          : updatePartner(attached, event.previousPartnerId, event.at, (partner) => partner);
      return updatePartner(withOldPartner, event.partnerId, event.at, (partner) => partner);
    }
    case 'RemunerationSet': {
      const change = (history: History<Big>) => changedAt(history, event.at, event.usdPerLot);
      if (event.partnerId === null) {
        const broker = raiseBrokerWatermark(book, event.at);
        return event.symbol === null
          ? {
              ...broker,
              brokerRemuneration: broker.brokerRemuneration.update(event.accountType, [], change),
            }
          : {
              ...broker,
              brokerSymbolRemuneration: broker.brokerSymbolRemuneration.update(
                symbolKey(event.accountType, event.symbol),
                [],
                change,
              ),
            };
      }
      const symbol = event.symbol;
      return updatePartner(book, event.partnerId, event.at, (partner) =>
        symbol === null
          ? { ...partner, remuneration: partner.remuneration.update(event.accountType, [], change) }
          : {
              ...partner,
              symbolRemuneration: partner.symbolRemuneration.update(
                symbolKey(event.accountType, symbol),
                [],
                change,
              ),
            },
      );
    }
    case 'PayoutHoldSet': {
      const broker = raiseBrokerWatermark(book, event.at);
      return { ...broker, payoutHold: changedAt(broker.payoutHold, event.at, event.days) };
    }
    case 'QualificationSet': {
      if (event.partnerId === null) {
        const broker = raiseBrokerWatermark(book, event.at);
        return {
          ...broker,
          brokerMinHoldSeconds: changedAt(
            broker.brokerMinHoldSeconds,
            event.at,
            event.minHoldSeconds,
          ),
        };
      }
      return updatePartner(book, event.partnerId, event.at, (partner) => ({
        ...partner,
        minHoldSeconds: changedAt(partner.minHoldSeconds, event.at, event.minHoldSeconds),
      }));
    }
    case 'OverrideRateSet': {
      const childId = event.childId;
      return updatePartner(book, event.partnerId, event.at, (partner) =>
        childId === null
          ? {
              ...partner,
              overrideDefault: changedAt(partner.overrideDefault, event.at, event.percent),
            }
          : {
              ...partner,
              overrideByChild: partner.overrideByChild.update(childId, [], (history) =>
                changedAt(history, event.at, event.percent),
              ),
            },
      );
    }
    case 'RebateRateSet':
      return updatePartner(book, event.partnerId, event.at, (partner) =>
        event.clientId === null
          ? { ...partner, defaultRate: changedAt(partner.defaultRate, event.at, event.percent) }
          : updateClientTerms(partner, event.clientId, (terms) => ({
              ...terms,
              individualRate: changedAt(terms.individualRate, event.at, event.percent),
              cancelled: changedAt(terms.cancelled, event.at, false),
            })),
      );
    case 'RebatesSuspended':
      return setSwitch(book, event, true);
    case 'RebatesResumed':
      return setSwitch(book, event, false);
    case 'RebatesCancelled':
      return updatePartner(book, event.partnerId, event.at, (partner) =>
        cancelRates(partner, event.clientId, event.at),
      );
  }
};
