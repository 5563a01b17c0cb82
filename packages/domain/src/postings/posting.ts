import { type Big, ZERO } from '../values/decimal';
import type { Account } from './account';
import type { Asset } from './asset';

/** `amount` (positive) of `asset` leaves `from` (a debit) and arrives in `to` (a credit). */
export interface Posting {
  readonly from: Account;
  readonly to: Account;
  readonly asset: Asset;
  readonly amount: Big;
}

/**
 * A posting of any signed amount: a negative one runs the other way, a zero one is no posting
 * (a 0 % rebate moves nothing).
 */
export const posting = (from: Account, to: Account, asset: Asset, amount: Big): Posting[] => {
  if (amount.eq(ZERO)) return [];
  return amount.gt(ZERO)
    ? [{ from, to, asset, amount }]
    : [{ from: to, to: from, asset, amount: amount.neg() }];
};

/** The same postings the other way round: how a reversal undoes an accrual. */
export const reversed = (postings: readonly Posting[]): Posting[] =>
  postings.map(({ from, to, asset, amount }) => ({ from: to, to: from, asset, amount }));
