import type { EventStore } from '@rebate/event-store';
import {
  AccountBalances,
  type Instant,
  type LedgerEvent,
  type TrialBalanceDocument,
  compareInstants,
  postingsOf,
  trialBalanceOf,
} from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';

/**
 * When an event's postings happen, for `asOf`: a trade's accrual when the trade closed, every
 * other event at its own `at` (a reversal when the trade was voided, a payout at its run).
 */
export const postedAt = (event: LedgerEvent): Instant | undefined =>
  'closedAt' in event ? event.closedAt : 'at' in event ? event.at : undefined;

export interface TrialBalanceOptions {
  /** Only postings of events that happened at or before this instant. */
  readonly asOf?: Instant;
  /** Told the number of events read so far, every `progressEvery` events. */
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
}

/**
 * The trial balance by replaying the store: every event's postings folded into balances, the
 * same document the accounts projection answers (`GET /v1/trial-balance`).
 */
export const replayTrialBalance = async (
  store: EventStore,
  options: TrialBalanceOptions = {},
): Promise<TrialBalanceDocument> => {
  const balances = new AccountBalances();
  const every = options.progressEvery ?? 10_000;
  let events = 0;
  for await (const recorded of store.readAll()) {
    events += 1;
    if (events % every === 0) options.onProgress?.(events);
    const event = fromRecorded(recorded);
    const at = postedAt(event);
    if (options.asOf !== undefined && at !== undefined && compareInstants(at, options.asOf) > 0)
      continue;
    balances.add(postingsOf(event));
  }
  options.onProgress?.(events);
  return trialBalanceOf(balances.lines());
};
