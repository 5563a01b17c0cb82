import {
  type EventStore,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@rebate/event-store';
import {
  type AgreementCommand,
  type ClientBalance,
  type Command,
  type LedgerEvent,
  type RunPayouts,
  decideAgreement,
  decidePayouts,
} from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { causedBy, toEventData } from '../store/event-codec';
import { AGREEMENTS_STREAM, PAYOUTS_STREAM, commandEventId } from '../store/streams';
import { AgreementCache } from './agreement-cache';
import { type TradeBatchItem, executeTradeBatch } from './trade-batch';
import type { CommandContext, CommandOutcome } from './outcome';

/** Balances that include every event in the store when they are returned. */
export interface BalanceSource {
  currentBalances(): Promise<Iterable<ClientBalance>>;
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

  constructor(
    private readonly store: EventStore,
    private readonly balances: BalanceSource,
  ) {
    this.agreements = new AgreementCache(store);
  }

  execute(command: Command, context: CommandContext): Promise<CommandOutcome> {
    const isTrade = command.type === 'trade-closed' || command.type === 'trade-cancelled';
    return retryOnConflict(
      () => this.attempt(command, context),
      isTrade ? isTradeRace : isRevisionConflict,
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
      default:
        return this.executeAgreement(command, context);
    }
  }

  private async executeAgreement(
    command: AgreementCommand,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const book = await this.agreements.catchUp();
    const decision = decideAgreement(command, book);
    if (isLeft(decision)) return { kind: 'rejected', rejection: decision.left };
    const events = decision.right;
    const result = await this.store.append(
      AGREEMENTS_STREAM,
      events.map((event, index) =>
        toEventData(event, causedBy(context, commandEventId(context.commandId, index))),
      ),
      this.agreements.current.revision ?? 'no_stream',
    );
    this.agreements.applyAppended(events, result.nextRevision);
    return { kind: 'applied', events, position: result.position };
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

  private async runPayouts(command: RunPayouts, context: CommandContext): Promise<CommandOutcome> {
    const book = await this.agreements.catchUp();
    const expected = await this.lastRevision(PAYOUTS_STREAM);
    const balances = await this.balances.currentBalances();
    const decision = decidePayouts(command, { book, balances });
    if (isLeft(decision)) return { kind: 'rejected', rejection: decision.left };
    const events: LedgerEvent[] = decision.right;
    if (events.length === 0) return { kind: 'applied', events, position: undefined };
    const result = await this.store.append(
      PAYOUTS_STREAM,
      events.map((event, index) =>
        toEventData(event, causedBy(context, commandEventId(context.commandId, index))),
      ),
      expected ?? 'no_stream',
    );
    return { kind: 'applied', events, position: result.position };
  }

  private async lastRevision(streamId: string): Promise<number | undefined> {
    for await (const last of this.store.readStream(streamId, {
      direction: 'backwards',
      maxCount: 1,
    })) {
      return last.revision;
    }
    return undefined;
  }
}
