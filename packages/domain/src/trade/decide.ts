import * as E from 'fp-ts/Either';
import type { AgreementBook } from '../agreement/book';
import { partnerOfClientAt, rateAt, remunerationAt } from '../agreement/terms-at';
import type { TradeEvent } from '../events/trade-events';
import type { TradeCancelled, TradeClosed, TradeCommand } from '../input/lines';
import { type Rejection, rejection } from '../rejection';
import { accrualAmounts } from '../postings/accrual-amounts';
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
});

/** Everything is judged at the trade's close: attachment, remuneration schedule and rate. */
export const accrue = (book: AgreementBook, facts: TradeFacts): TradeEvent => {
  const partner = partnerOfClientAt(book, facts.clientId, facts.closedAt);
  if (!partner) return { type: 'TradeUnattributed', ...tradeFields(facts) };
  const remunerationTerms = remunerationAt(book, partner, facts.accountType, facts.closedAt);
  const rate = rateAt(partner, facts.clientId, facts.closedAt);
  const { remuneration, rebate, net } = accrualAmounts({
    lots: facts.lots,
    usdPerLot: remunerationTerms.usdPerLot,
    percent: rate.percent,
  });
  return {
    type: 'RebateAccrued',
    ...tradeFields(facts),
    partnerId: partner.partnerId,
    usdPerLot: remunerationTerms.usdPerLot,
    remunerationSource: remunerationTerms.source,
    remuneration,
    percent: rate.percent,
    rateRule: rate.rule,
    rebate,
    net,
  };
};

const closeTrade = (state: TradeDecisionState, command: TradeClosed): Decision => {
  const facts = factsOf(command);
  if (state.trade.status === 'absent') return E.right([accrue(state.book, facts)]);
  return sameFacts(state.trade.facts, facts)
    ? DUPLICATE
    : E.left(rejection('conflicting-trade', `conflicting duplicate of trade ${command.tradeId}`));
};

const cancelTrade = (state: TradeDecisionState, command: TradeCancelled): Decision => {
  const trade = state.trade;
  switch (trade.status) {
    case 'absent':
      return E.left(rejection('unknown-trade', `unknown trade ${command.tradeId}`));
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
          at: command.at,
        },
      ]);
  }
};

export const decideTrade = (command: TradeCommand, state: TradeDecisionState): Decision =>
  command.type === 'trade-closed' ? closeTrade(state, command) : cancelTrade(state, command);
