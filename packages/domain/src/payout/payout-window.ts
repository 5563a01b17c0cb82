import type { AgreementBook } from '../agreement/book';
import { payoutHoldDaysAt } from '../agreement/terms-at';
import type { Instant } from '../values/instant';
import { daysBefore } from '../values/instant-arithmetic';

/**
 * What a run at `at` may pay from (rules, section 10): with a hold of d > 0 days in force, only
 * rebates of trades closed at or before `at - d x 24 h`. `cutoff` null with `holdDays` > 0 means
 * the cutoff falls before the year 0001: no trade counts.
 */
export interface PayoutWindow {
  readonly holdDays: number;
  readonly cutoff: Instant | null;
}

export const payoutWindowAt = (book: AgreementBook, at: Instant): PayoutWindow => {
  const holdDays = payoutHoldDaysAt(book, at);
  return { holdDays, cutoff: holdDays === 0 ? null : (daysBefore(at, holdDays) ?? null) };
};
