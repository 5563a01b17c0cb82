import {
  type Account,
  type AccountKind,
  type Asset,
  type Big,
  type LedgerEvent,
  ZERO,
  accountName,
  clientIdOf,
  partnerIdOf,
  postingsOf,
} from '@rebate/domain';
import type { AccountDayRow, AccountTotalRow } from './tables';

/**
 * The kind a row is keyed under: the account's own kind, except that an override's two legs on
 * partner accounts book under kinds of their own, so what a partner passed up and what it
 * received sum apart while the account (its name, its balance) stays `partner:P`.
 */
export type RowKind = AccountKind | 'partner-override-paid' | 'partner-override-received';

export const OVERRIDE_PAID: RowKind = 'partner-override-paid';
export const OVERRIDE_RECEIVED: RowKind = 'partner-override-received';

/** One side of a posting: the account it debits (`from`) or credits (`to`). */
export interface Leg {
  readonly account: Account;
  readonly rowKind: RowKind;
  readonly asset: Asset;
  readonly side: 'debits' | 'credits';
  readonly amount: Big;
}

/**
 * The legs an event posts. The only postings between two partner accounts are overrides
 * `partner:child -> partner:parent`; a reversal runs them the other way round, so its child is
 * the credited side, and each leg keeps the kind of the leg it reverses.
 */
export const legsOfEvent = (event: LedgerEvent): Leg[] => {
  const childSide = event.type === 'RebateReversed' ? 'credits' : 'debits';
  return postingsOf(event).flatMap(({ from, to, asset, amount }) => {
    const override = from.kind === 'partner' && to.kind === 'partner';
    const kindOf = (account: Account, side: Leg['side']): RowKind =>
      !override ? account.kind : side === childSide ? OVERRIDE_PAID : OVERRIDE_RECEIVED;
    return [
      { account: from, rowKind: kindOf(from, 'debits'), asset, side: 'debits' as const, amount },
      { account: to, rowKind: kindOf(to, 'credits'), asset, side: 'credits' as const, amount },
    ];
  });
};

/** The key columns of a leg's rows ('' where the kind has no such id). */
export const accountKeyOf = (leg: Pick<Leg, 'account' | 'rowKind' | 'asset'>) => ({
  kind: leg.rowKind,
  partnerId: partnerIdOf(leg.account) ?? '',
  clientId: clientIdOf(leg.account) ?? '',
  asset: leg.asset,
});

export const emptyTotal = (leg: Leg): AccountTotalRow => ({
  ...accountKeyOf(leg),
  account: accountName(leg.account),
  debits: ZERO,
  credits: ZERO,
});

export const emptyDay = (leg: Leg, day: string): AccountDayRow => ({ ...emptyTotal(leg), day });

export const withLeg = <R extends AccountTotalRow>(row: R, leg: Leg): R => ({
  ...row,
  [leg.side]: row[leg.side].plus(leg.amount),
});
