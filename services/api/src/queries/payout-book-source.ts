import type { PayoutBook } from '@rebate/domain';

/**
 * The payouts stream as the payout queries read it: a fold caught up before each answer, so a
 * query sees every run and result appended before it was received (read-your-writes without
 * a projection). One stream, small per run; folded in memory like the command side does.
 */
export interface PayoutBookSource {
  book(): Promise<PayoutBook>;
}

/** Over a `PayoutCache` (or any fold of the payouts stream). */
export const payoutBookSource = (fold: { catchUp(): Promise<PayoutBook> }): PayoutBookSource => ({
  book: () => fold.catchUp(),
});
