import { type Big, ZERO, formatDecimal } from '../values/decimal';
import { type Account, accountKey, accountName } from './account';
import { ASSETS, type Asset } from './asset';
import type { Posting } from './posting';

/** One account's balance in one asset: credits minus debits (what it holds). */
export interface AccountBalance {
  readonly account: Account;
  readonly asset: Asset;
  readonly balance: Big;
}

/** The trial balance as every surface answers it (CLI and API): decimal strings. */
export interface TrialBalanceDocument {
  accounts: { account: string; asset: Asset; balance: string }[];
  totals: { asset: Asset; balance: string }[];
}

/** Folds postings into balances per (account, asset); every account and asset touched appears. */
export class AccountBalances {
  private readonly byKey = new Map<string, { account: Account; asset: Asset; balance: Big }>();

  add(postings: readonly Posting[]): void {
    for (const { from, to, asset, amount } of postings) {
      this.move(from, asset, amount.neg());
      this.move(to, asset, amount);
    }
  }

  /** Adds a signed amount to one account (a projection row's credits minus debits). */
  move(account: Account, asset: Asset, amount: Big): void {
    const key = `${accountKey(account)}${asset}`;
    const line = this.byKey.get(key);
    if (line === undefined) this.byKey.set(key, { account, asset, balance: amount });
    else line.balance = line.balance.plus(amount);
  }

  lines(): AccountBalance[] {
    return [...this.byKey.values()];
  }
}

/** Code point order (not UTF-16 order), as the databases sort text. */
const compareText = (a: string, b: string): number => {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference =
      (left[index] as string).codePointAt(0)! - (right[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
};

/**
 * Every account's balance per asset, ordered by account name then asset, and the total of each
 * asset over all accounts, which double entry makes zero.
 */
export const trialBalanceOf = (balances: readonly AccountBalance[]): TrialBalanceDocument => {
  const named = balances.map((line) => ({ name: accountName(line.account), line }));
  named.sort(
    (a, b) =>
      compareText(a.name, b.name) || ASSETS.indexOf(a.line.asset) - ASSETS.indexOf(b.line.asset),
  );
  const totals = new Map<Asset, Big>(ASSETS.map((asset) => [asset, ZERO]));
  for (const { line } of named)
    totals.set(line.asset, (totals.get(line.asset) as Big).plus(line.balance));
  return {
    accounts: named.map(({ name, line }) => ({
      account: name,
      asset: line.asset,
      balance: formatDecimal(line.balance),
    })),
    totals: ASSETS.map((asset) => ({ asset, balance: formatDecimal(totals.get(asset) as Big) })),
  };
};
