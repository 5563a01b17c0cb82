import * as E from 'fp-ts/Either';
import type { PayoutEvent } from '../events/payout-events';
import type { PayoutResultCommand } from '../input/lines';
import { type Rejection, rejection } from '../rejection';
import type { PayoutBook } from './payout-book';

/**
 * Rules, section 9: a result for an unknown payout is rejected; the same result again is a
 * duplicate (no events); a result contradicting the recorded one is rejected. Results are not
 * checked for back-dating.
 */
export const decidePayoutResult = (
  command: PayoutResultCommand,
  book: PayoutBook,
): E.Either<Rejection, PayoutEvent[]> => {
  const payout = book.payouts.get(command.payoutId);
  if (!payout)
    return E.left(rejection('unknown-payout', `unknown payout ${command.payoutId}`, 'payoutId'));
  const result = command.type === 'payout-completed' ? 'completed' : 'failed';
  if (payout.status === result) return E.right([]);
  if (payout.status !== 'requested')
    return E.left(
      rejection(
        'conflicting-result',
        `payout ${command.payoutId} already ${payout.status}; it cannot be ${result}`,
        'payoutId',
      ),
    );
  const facts = {
    payoutId: payout.payoutId,
    runId: payout.runId,
    clientId: payout.clientId,
    amount: payout.amount,
    allocations: [...payout.allocations],
    at: command.at,
  };
  return E.right([
    command.type === 'payout-completed'
      ? { type: 'PayoutCompleted', ...facts }
      : { type: 'PayoutFailed', ...facts, reason: command.reason },
  ]);
};
