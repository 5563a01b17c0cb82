import * as E from 'fp-ts/Either';
import type { AgreementBook } from '../agreement/book';
import { isClientSuspendedAt, partnerOfClientAt } from '../agreement/terms-at';
import type { PayoutRequested } from '../events/payout-events';
import type { RunPayouts } from '../input/lines';
import type { Rejection } from '../rejection';
import { type Big, Decimal, ZERO, roundDownToCents } from '../values/decimal';

export const DEFAULT_MINIMUM_USD: Big = Decimal('0.01');

export interface ClientBalance {
  readonly clientId: string;
  readonly balance: Big;
}

/** A run pays what has arrived by then: the balances given must include every earlier event. */
export interface PayoutDecisionState {
  readonly book: AgreementBook;
  readonly balances: Iterable<ClientBalance>;
}

/**
 * For every client in clientId order that neither switch suspends at the run's time: its
 * balance rounded down to whole cents, paid when above zero and at least the minimum. The
 * sub-cent remainder stays in the balance.
 */
export const decidePayouts = (
  command: RunPayouts,
  state: PayoutDecisionState,
): E.Either<Rejection, PayoutRequested[]> => {
  const minimumUsd = command.minimumUsd ?? DEFAULT_MINIMUM_USD;
  const ordered = [...state.balances].sort((a, b) =>
    a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0,
  );
  const payouts: PayoutRequested[] = [];
  for (const { clientId, balance } of ordered) {
    if (isClientSuspendedAt(state.book, clientId, command.at)) continue;
    const amount = roundDownToCents(balance);
    if (amount.lte(ZERO) || amount.lt(minimumUsd)) continue;
    payouts.push({
      type: 'PayoutRequested',
      clientId,
      partnerId: partnerOfClientAt(state.book, clientId, command.at)?.partnerId ?? null,
      amount,
      balanceBefore: balance,
      minimumUsd,
      at: command.at,
    });
  }
  return E.right(payouts);
};
