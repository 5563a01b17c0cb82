import {
  type EventStore,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@rebate/event-store';
import {
  type AgreementCommand,
  type ClientPayable,
  type Command,
  type LedgerEvent,
  type PayoutEvent,
  type PayoutResultCommand,
  type PayoutWindow,
  type Rejection,
  type RunPayouts,
  decideAgreement,
  decidePayoutResult,
  decidePayoutRun,
  isTradeCommand,
  payoutWindowAt,
} from '@rebate/domain';
import type { Either } from 'fp-ts/Either';
import { isLeft } from 'fp-ts/Either';
import { causedBy, toEventData } from '../store/event-codec';
import { AGREEMENTS_STREAM, PAYOUTS_STREAM, commandEventId } from '../store/streams';
import { AgreementCache, PayoutCache } from './agreement-cache';
import type { StreamFold } from './stream-fold';
import { type TradeBatchItem, executeTradeBatch } from './trade-batch';
import type { CommandContext, CommandOutcome } from './outcome';

/** What clients may be paid, and the store position they were folded up to (none: empty). */
export interface FoldedPayables {
  readonly payables: Iterable<ClientPayable>;
  readonly position: bigint | undefined;
}

/** What clients may be paid, from read models that include every event in the store. */
export interface BalanceSource {
  payables(window: PayoutWindow): Promise<FoldedPayables>;
}

const MAX_ATTEMPTS = 5;

const isRevisionConflict = (error: unknown): boolean => error instanceof WrongExpectedRevisionError;

/**
 * Trade event ids derive from the trade id alone, so two requests racing with one trade id
 * (each under its own command id) can meet on an event id: decided again, the loser sees the
 * stored trade and answers duplicate or conflicting-trade, never a misleading id conflict.
 */
const isTradeRace = (error: unknown): boolean =>
  isRevisionConflict(error) || error instanceof IdempotencyConflictError;

/** Runs a read-decide-append again on fresh state when a concurrent writer got there first. */
const retryOnConflict = async <T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean = isRevisionConflict,
): Promise<T> => {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
};

/**
 * The command side: read the state a command needs, decide with the pure domain, append with
 * the revision that was read. A concurrent writer makes the append fail; it is then retried on
 * fresh state.
 */
export class LedgerCommands {
  private readonly agreements: AgreementCache;
  private readonly payouts: PayoutCache;

  constructor(
    private readonly store: EventStore,
    private readonly balances: BalanceSource,
  ) {
    this.agreements = new AgreementCache(store);
    this.payouts = new PayoutCache(store);
  }

  execute(command: Command, context: CommandContext): Promise<CommandOutcome> {
    return retryOnConflict(
      () => this.attempt(command, context),
      isTradeCommand(command) ? isTradeRace : isRevisionConflict,
    );
  }

  private async attempt(command: Command, context: CommandContext): Promise<CommandOutcome> {
    switch (command.type) {
      case 'trade-closed':
      case 'trade-cancelled':
        return executeTradeBatch(this.store, await this.agreements.catchUp(), [
          { command, context },
        ]).then(([outcome]) => outcome as CommandOutcome);
      case 'run-payouts':
        return this.runPayouts(command, context);
      case 'payout-completed':
      case 'payout-failed':
        return this.recordPayoutResult(command, context);
      default:
        return this.executeAgreement(command, context);
    }
  }

  private async executeAgreement(
    command: AgreementCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.decideOn(this.agreements, (book) => decideAgreement(command, book), context);
  }

  /**
   * Trades from one Kafka batch: one read of their streams, one append for all. A concurrent
   * writer (a rebalance overlap) fails the append as a whole; the batch is then decided again.
   */
  executeTrades(items: readonly TradeBatchItem[]): Promise<CommandOutcome[]> {
    return retryOnConflict(
      async () => executeTradeBatch(this.store, await this.agreements.catchUp(), items),
      isTradeRace,
    );
  }

  /**
   * A run is decided against every earlier run and payout (the payouts stream, cached) and the
   * payables of its window, and appended with the revision read: a second instance, a restart
   * or a scheduler firing twice either loses the append and finds the run taken, or finds it
   * taken at once. Never two payments of one balance.
   */
  private async runPayouts(command: RunPayouts, context: CommandContext): Promise<CommandOutcome> {
    const { decision, payoutsRevision } = await this.decideRun(command);
    return this.appendDecision(this.payouts, payoutsRevision, decision, context);
  }

  /** What a run would pay now (rules, sections 5, 9, 10), decided as for real and never appended. */
  async previewPayoutRun(command: RunPayouts): Promise<Either<Rejection, PayoutEvent[]>> {
    return (await this.decideRun(command)).decision;
  }

  /**
   * A run is decided on one store position Q (issue 10): the balances folded up to Q, and the
   * terms and payouts as they stood at Q. The run records Q (`balancesAt`), so the audit folds
   * its replay up to Q and decides the run again from there: a trade or reversal appended
   * between this read and the append is judged after the run, as the run saw it. Terms or
   * payouts that moved during the balances' fold are read again; a payout appended after it
   * fails the append (expected revision), which is then decided again.
   */
  private async decideRun(command: RunPayouts): Promise<{
    readonly decision: Either<Rejection, PayoutEvent[]>;
    /** The payouts stream's revision the decision saw: the append's expected revision. */
    readonly payoutsRevision: number | undefined;
  }> {
    for (let reads = 1; ; reads += 1) {
      // Each state with its own revision, read together (`current` may run ahead meanwhile).
      const terms = await this.agreements.snapshot();
      const paid = await this.payouts.snapshot();
      const folded = await this.balances.payables(payoutWindowAt(terms.state, command.at));
      const [termsAfter, paidAfter] = await Promise.all([
        this.agreements.snapshot(),
        this.payouts.snapshot(),
      ]);
      const moved = termsAfter.revision !== terms.revision || paidAfter.revision !== paid.revision;
      if (!moved) {
        const decision = decidePayoutRun(command, {
          book: terms.state,
          payouts: paid.state,
          payables: folded.payables,
          balancesAt: folded.position === undefined ? null : folded.position.toString(),
        });
        return { decision, payoutsRevision: paid.revision };
      }
      if (reads >= MAX_ATTEMPTS) {
        const [streamId, expected, actual] =
          termsAfter.revision !== terms.revision
            ? [AGREEMENTS_STREAM, terms.revision, termsAfter.revision]
            : [PAYOUTS_STREAM, paid.revision, paidAfter.revision];
        throw new WrongExpectedRevisionError(streamId, expected ?? 'no_stream', actual);
      }
    }
  }

  private async recordPayoutResult(
    command: PayoutResultCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.decideOn(this.payouts, (book) => decidePayoutResult(command, book), context);
  }

  /** Decides on the stream's state as read now and appends with that state's revision. */
  private async decideOn<S, E extends LedgerEvent>(
    fold: StreamFold<S, E>,
    decide: (state: S) => Either<Rejection, E[]>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const read = await fold.snapshot();
    return this.appendDecision(fold, read.revision, decide(read.state), context);
  }

  /**
   * Appends a decision to the folded stream it was decided on, expecting the revision of the
   * state it was decided on (never `fold.current`, which another caller may have moved past
   * what this decision saw): anything appended since fails the append, which is decided again.
   */
  private async appendDecision<S, E extends LedgerEvent>(
    fold: StreamFold<S, E>,
    decidedAt: number | undefined,
    decision: Either<Rejection, E[]>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    if (isLeft(decision)) return { kind: 'rejected', rejection: decision.left };
    const events = decision.right;
    if (events.length === 0) return { kind: 'duplicate' };
    const result = await this.store.append(
      fold.streamId,
      events.map((event, index) =>
        toEventData(event, causedBy(context, commandEventId(context.commandId, index))),
      ),
      decidedAt ?? 'no_stream',
    );
    fold.applyAppended(events, result.nextRevision);
    return { kind: 'applied', events, position: result.position };
  }
}

export type { PayoutEvent };
export { AGREEMENTS_STREAM, PAYOUTS_STREAM };
