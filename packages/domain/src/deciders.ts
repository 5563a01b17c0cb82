import type { Either } from 'fp-ts/Either';
import { type AgreementBook, emptyBook } from './agreement/book';
import { decideAgreement } from './agreement/decide';
import { evolveBook } from './agreement/evolve';
import type { AgreementEvent } from './events/agreement-events';
import type { PayoutEvent } from './events/payout-events';
import type { TradeEvent } from './events/trade-events';
import type { AgreementCommand, PayoutCommand, TradeCommand } from './input/lines';
import { decidePayoutResult } from './payout/decide-result';
import { type ClientPayable, decidePayoutRun } from './payout/decide-run';
import { type PayoutBook, emptyPayoutBook, evolvePayouts } from './payout/payout-book';
import type { Rejection } from './rejection';
import { type TradeDecisionState, decideTrade } from './trade/decide';
import { absentTrade, evolveTrade } from './trade/state';

/**
 * The deciders as values: everything the ledger needs to run one stream's commands, with no
 * I/O, clock or randomness. `decide` returns the events to append (none: a duplicate) or the
 * rejection; `evolve` folds one event into the state.
 */
export interface Decider<Command, State, Event> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State) => Either<Rejection, Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}

/** The `agreements` stream. */
export const agreementDecider: Decider<AgreementCommand, AgreementBook, AgreementEvent> = {
  initialState: emptyBook,
  decide: decideAgreement,
  evolve: evolveBook,
};

/** One `trade-<tradeId>` stream, judged against the agreement book as it stands. */
export const tradeDecider: Decider<TradeCommand, TradeDecisionState, TradeEvent> = {
  initialState: { trade: absentTrade, book: emptyBook },
  decide: decideTrade,
  evolve: (state, event) => ({ ...state, trade: evolveTrade(state.trade, event) }),
};

/** The state a payout command is decided against: the book, the payouts stream, the payables. */
export interface PayoutDecisionState {
  readonly book: AgreementBook;
  readonly payouts: PayoutBook;
  /** What each client may be paid in a run's window (only runs read it). */
  readonly payables: Iterable<ClientPayable>;
}

/** The `payouts` stream: runs and the results the payout service reports. */
export const payoutDecider: Decider<PayoutCommand, PayoutDecisionState, PayoutEvent> = {
  initialState: { book: emptyBook, payouts: emptyPayoutBook, payables: [] },
  decide: (command, state) =>
    command.type === 'run-payouts'
      ? decidePayoutRun(command, state)
      : decidePayoutResult(command, state.payouts),
  evolve: (state, event) => ({ ...state, payouts: evolvePayouts(state.payouts, event) }),
};
