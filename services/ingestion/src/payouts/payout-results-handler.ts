import { type Command, type PayoutResultCommand, decodeLineBytes, rejection } from '@rebate/domain';
import { LedgerCommands } from '@rebate/ledger';
import type { EventStore } from '@rebate/event-store';
import * as E from 'fp-ts/Either';
import {
  type BatchHandler,
  type Disposition,
  type SourceMessage,
  deadLetter,
  done,
  messageId,
} from '@rebate/trade-source';

/** What the results consumer counts. */
export interface ResultCounters {
  applied(type: PayoutResultCommand['type']): void;
  duplicate(): void;
  deadLettered(code: string): void;
}

const isResult = (command: Command): command is PayoutResultCommand =>
  command.type === 'payout-completed' || command.type === 'payout-failed';

/** A message's value to a payout result, through the domain's one line decoder. */
export const decodeResultMessage = (
  message: SourceMessage,
): E.Either<{ code: string; reason: string }, PayoutResultCommand> => {
  if (message.value === null) return E.left(rejection('invalid-input', 'message has no value'));
  const decoded = decodeLineBytes(message.value);
  if (E.isLeft(decoded)) return E.left(rejection('invalid-input', decoded.left));
  if (!isResult(decoded.right)) {
    return E.left(
      rejection(
        'invalid-input',
        `type ${JSON.stringify(decoded.right.type)} is not a payout result (payout-completed, payout-failed)`,
      ),
    );
  }
  return E.right(decoded.right);
};

/**
 * Messages of `rebates.payout-results` -> the ledger, one command each through
 * `LedgerCommands.execute` (as the HTTP API would), command id = `topic/partition/offset`.
 * Results are few, so one at a time: each append is decided on the payouts stream's latest
 * revision. Undecodable or rejected (unknown payout, contradicting result) -> dead letter with
 * the reason; the same result again is a duplicate (no effect). Returns after the appends, so
 * the source commits only what is stored.
 */
export const createPayoutResultsHandler = (
  store: EventStore,
  counters: ResultCounters,
): BatchHandler => {
  const ledger = new LedgerCommands(store, {
    payables: () => Promise.reject(new Error('the payout results consumer does not run payouts')),
  });
  return async (batch) => {
    const dispositions: Disposition[] = [];
    for (const message of batch.messages) {
      const decoded = decodeResultMessage(message);
      if (E.isLeft(decoded)) {
        counters.deadLettered(decoded.left.code);
        dispositions.push(deadLetter(decoded.left.code, decoded.left.reason));
        continue;
      }
      const outcome = await ledger.execute(decoded.right, { commandId: messageId(message) });
      switch (outcome.kind) {
        case 'applied':
          counters.applied(decoded.right.type);
          dispositions.push(done);
          break;
        case 'duplicate':
          counters.duplicate();
          dispositions.push(done);
          break;
        case 'rejected':
          counters.deadLettered(outcome.rejection.code);
          dispositions.push(deadLetter(outcome.rejection.code, outcome.rejection.reason));
          break;
      }
    }
    return dispositions;
  };
};
