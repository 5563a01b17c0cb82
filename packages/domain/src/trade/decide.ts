import * as E from 'fp-ts/Either';
import type { AgreementBook } from '../agreement/book';
import type { AgreementBook as Book, PartnerAgreement } from '../agreement/book';
import {
  minHoldSecondsAt,
  overrideRateAt,
  partnerOfClientAt,
  rateAt,
  remunerationAt,
} from '../agreement/terms-at';
import type { TradeEvent } from '../events/trade-events';
import type { TradeCancelled, TradeClosed, TradeCommand } from '../input/lines';
import { type Rejection, rejection } from '../rejection';
import type { Big } from '../values/decimal';
import { type Instant, isBefore } from '../values/instant';
import { accrualAmounts, overrideAmounts } from './accrual-arithmetic';
import { qualificationOf } from './qualification';
import { type TradeFacts, type TradeState, factsOf, sameFacts } from './state';

/** A trade is decided against its own stream and the agreements as they stand now. */
export interface TradeDecisionState {
  readonly trade: TradeState;
  readonly book: AgreementBook;
}

type Decision = E.Either<Rejection, TradeEvent[]>;

/** No events and no rejection: the trade command was a duplicate. */
export const DUPLICATE: Decision = E.right([]);

const tradeFields = (facts: TradeFacts) => ({
  tradeId: facts.tradeId,
  clientId: facts.clientId,
  accountType: facts.accountType,
  symbol: facts.symbol,
  accountId: facts.accountId,
  lots: facts.lots,
  closedAt: facts.closedAt,
  openedAt: facts.openedAt,
});

/** Every ancestor of the trade's partner, bottom up, with its override rate at `at`. */
const overrideLevels = (
  book: Book,
  partner: PartnerAgreement,
  at: Instant,
): { partnerId: string; childId: string; percent: Big }[] => {
  const levels: { partnerId: string; childId: string; percent: Big }[] = [];
  let child = partner;
  let parent = child.parentId === null ? undefined : book.partners.get(child.parentId);
  while (parent) {
    levels.push({
      partnerId: parent.partnerId,
      childId: child.partnerId,
      percent: overrideRateAt(parent, child.partnerId, at),
    });
    child = parent;
    parent = child.parentId === null ? undefined : book.partners.get(child.parentId);
  }
  return levels;
};

/**
 * Everything is judged at the trade's close: attachment, qualification, remuneration schedule,
 * rate and the override chain.
 */
export const accrue = (book: AgreementBook, facts: TradeFacts): TradeEvent => {
  const partner = partnerOfClientAt(book, facts.clientId, facts.closedAt);
  if (!partner) return { type: 'TradeUnattributed', ...tradeFields(facts) };
  const qualification = qualificationOf(
    minHoldSecondsAt(book, partner, facts.closedAt),
    facts.openedAt,
    facts.closedAt,
  );
  const schedule = remunerationAt(book, partner, facts.accountType, facts.symbol, facts.closedAt);
  const rate = rateAt(partner, facts.clientId, facts.closedAt);
  const amounts = accrualAmounts({
    lots: facts.lots,
    usdPerLot: schedule.usdPerLot,
    percent: rate.percent,
    qualified: qualification.qualified,
  });
  return {
    type: 'RebateAccrued',
    ...tradeFields(facts),
    partnerId: partner.partnerId,
    usdPerLot: schedule.usdPerLot,
    remunerationSource: schedule.source,
    remuneration: amounts.remuneration,
    percent: rate.percent,
    rateRule: rate.rule,
    rebate: amounts.rebate,
    net: amounts.net,
    qualification,
    overrides: qualification.qualified
      ? overrideAmounts(amounts.net, overrideLevels(book, partner, facts.closedAt))
      : [],
  };
};

const closeTrade = (state: TradeDecisionState, command: TradeClosed): Decision => {
  const facts = factsOf(command);
  if (facts.openedAt !== null && isBefore(facts.closedAt, facts.openedAt))
    return E.left(rejection('invalid-input', 'openedAt must not be after closedAt', 'openedAt'));
  if (state.trade.status === 'absent') return E.right([accrue(state.book, facts)]);
  return sameFacts(state.trade.facts, facts)
    ? DUPLICATE
    : E.left(
        rejection(
          'conflicting-trade',
          `conflicting duplicate of trade ${command.tradeId}`,
          'tradeId',
        ),
      );
};

const cancelTrade = (state: TradeDecisionState, command: TradeCancelled): Decision => {
  const trade = state.trade;
  switch (trade.status) {
    case 'absent':
      return E.left(rejection('unknown-trade', `unknown trade ${command.tradeId}`, 'tradeId'));
    case 'cancelled':
      return DUPLICATE;
    case 'unattributed':
      return E.right([
        { type: 'UnattributedTradeCancelled', tradeId: command.tradeId, at: command.at },
      ]);
    case 'accrued':
      return E.right([
        {
          type: 'RebateReversed',
          tradeId: command.tradeId,
          clientId: trade.accrual.clientId,
          partnerId: trade.accrual.partnerId,
          lots: trade.accrual.lots,
          remuneration: trade.accrual.remuneration,
          rebate: trade.accrual.rebate,
          net: trade.accrual.net,
          overrides: trade.accrual.overrides,
          qualified: trade.accrual.qualification.qualified,
          at: command.at,
        },
      ]);
  }
};

export const decideTrade = (command: TradeCommand, state: TradeDecisionState): Decision =>
  command.type === 'trade-closed' ? closeTrade(state, command) : cancelTrade(state, command);
