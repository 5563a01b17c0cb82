import {
  type Account,
  type Asset,
  type Big,
  type Posting,
  ZERO,
  accountName,
  clientIdOf,
  partnerIdOf,
} from '@rebate/domain';
import type { AccountDayRow, AccountTotalRow } from './tables';

/** One side of a posting: the account it debits (`from`) or credits (`to`). */
export interface Leg {
  readonly account: Account;
  readonly asset: Asset;
  readonly side: 'debits' | 'credits';
  readonly amount: Big;
}

export const legsOf = (postings: readonly Posting[]): Leg[] =>
  postings.flatMap(({ from, to, asset, amount }) => [
    { account: from, asset, side: 'debits' as const, amount },
    { account: to, asset, side: 'credits' as const, amount },
  ]);

/** The key columns of an account's rows ('' where the kind has no such id). */
export const accountKeyOf = (account: Account, asset: Asset) => ({
  kind: account.kind,
  partnerId: partnerIdOf(account) ?? '',
  clientId: clientIdOf(account) ?? '',
  asset,
});

export const emptyTotal = (account: Account, asset: Asset): AccountTotalRow => ({
  ...accountKeyOf(account, asset),
  account: accountName(account),
  debits: ZERO,
  credits: ZERO,
});

export const emptyDay = (account: Account, asset: Asset, day: string): AccountDayRow => ({
  ...emptyTotal(account, asset),
  day,
});

export const withLeg = <R extends AccountTotalRow>(row: R, leg: Leg): R => ({
  ...row,
  [leg.side]: row[leg.side].plus(leg.amount),
});
