import { Map as ImmutableMap } from 'immutable';
import type { PayoutAllocation, PayoutEvent } from '../events/payout-events';
import type { Big } from '../values/decimal';
import type { Instant } from '../values/instant';

/** The state of the `payouts` stream: every run's identity and every payout's status. */

export type PayoutStatus = 'requested' | 'completed' | 'failed';

export interface PayoutRecord {
  readonly payoutId: string;
  readonly runId: string;
  readonly clientId: string;
  readonly amount: Big;
  readonly allocations: readonly PayoutAllocation[];
  readonly status: PayoutStatus;
  /** The partner the client was attached to at the run's time, if any. */
  readonly partnerId: string | null;
  /** The run's time: when the payout was requested. */
  readonly at: Instant;
}

export interface PayoutRunIdentity {
  readonly at: Instant;
  readonly minimumUsd: Big;
  readonly holdDays: number;
  readonly cutoff: Instant | null;
  readonly total: Big;
}

export interface PayoutBook {
  readonly runs: ImmutableMap<string, PayoutRunIdentity>;
  readonly payouts: ImmutableMap<string, PayoutRecord>;
}

export const emptyPayoutBook: PayoutBook = { runs: ImmutableMap(), payouts: ImmutableMap() };

const withStatus = (book: PayoutBook, payoutId: string, status: PayoutStatus): PayoutBook => {
  const payout = book.payouts.get(payoutId);
  return payout ? { ...book, payouts: book.payouts.set(payoutId, { ...payout, status }) } : book;
};

export const evolvePayouts = (book: PayoutBook, event: PayoutEvent): PayoutBook => {
  switch (event.type) {
    case 'PayoutRunRecorded':
      return {
        ...book,
        runs: book.runs.set(event.runId, {
          at: event.at,
          minimumUsd: event.minimumUsd,
          holdDays: event.holdDays,
          cutoff: event.cutoff,
          total: event.total,
        }),
      };
    case 'PayoutRequested':
      return {
        ...book,
        payouts: book.payouts.set(event.payoutId, {
          payoutId: event.payoutId,
          runId: event.runId,
          clientId: event.clientId,
          amount: event.amount,
          allocations: event.allocations,
          status: 'requested',
          partnerId: event.partnerId,
          at: event.at,
        }),
      };
    case 'PayoutCompleted':
      return withStatus(book, event.payoutId, 'completed');
    case 'PayoutFailed':
      return withStatus(book, event.payoutId, 'failed');
  }
};
