import type { EventStore } from '@rebate/event-store';
import {
  AccountBalances,
  type Instant,
  type TrialBalanceDocument,
  postingsOf,
  trialBalanceOf,
} from '@rebate/domain';
import { recordedBy } from '../as-of/recorded-by';
import { fromRecorded } from '../store/event-codec';

export interface TrialBalanceOptions {
  /**
   * The books as they stood at this instant: only events recorded at or before it (see
   * `recordedBy`), so the answer never changes once the instant has passed.
   */
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
    if (options.asOf !== undefined && !recordedBy(recorded, options.asOf)) continue;
    balances.add(postingsOf(fromRecorded(recorded)));
  }
  options.onProgress?.(events);
  return trialBalanceOf(balances.lines());
};
