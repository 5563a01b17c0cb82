import { type Big, ZERO, formatDecimal } from '../values/decimal';
import { accountKey, accountName } from './account';
import type { Asset } from './asset';
import type { Posting } from './posting';

export class UnbalancedPostingsError extends Error {
  override readonly name = 'UnbalancedPostingsError';
  constructor(readonly problems: readonly string[]) {
    super(`postings do not balance: ${problems.join('; ')}`);
  }
}

/**
 * What is wrong with a set of postings, empty when nothing is: every amount positive, no
 * posting from an account to itself, and for each asset the debits and credits over all
 * accounts summing to zero. A posting always balances by itself; this guards the shapes postings
 * take as flows are added (a leg written one-sided, a sign slipped through).
 */
export const balanceProblems = (postings: readonly Posting[]): string[] => {
  const problems: string[] = [];
  const net = new Map<Asset, Big>();
  const add = (asset: Asset, amount: Big) => net.set(asset, (net.get(asset) ?? ZERO).plus(amount));
  for (const { from, to, asset, amount } of postings) {
    if (!amount.gt(ZERO))
      problems.push(`${asset} ${formatDecimal(amount)} from ${accountName(from)} is not positive`);
    if (accountKey(from) === accountKey(to))
      problems.push(`${asset} posting from ${accountName(from)} to itself`);
    add(asset, amount.neg());
    add(asset, amount);
  }
  for (const [asset, sum] of net)
    if (!sum.eq(ZERO)) problems.push(`${asset} sums to ${formatDecimal(sum)}, not 0`);
  return problems;
};

/** Throws UnbalancedPostingsError unless `balanceProblems` finds nothing. */
export const assertBalanced = (postings: readonly Posting[]): void => {
  const problems = balanceProblems(postings);
  if (problems.length > 0) throw new UnbalancedPostingsError(problems);
};
