import * as t from 'io-ts';
import { At, DecimalValue, Id, NullableAt, NullableId } from './fields';

/**
 * Facts of the `payouts` stream: runs, the payouts they make and the results the downstream
 * payout service reports (rules, sections 5, 9 and 10). One stream, so every run and result is
 * decided against all earlier ones and appended with the revision read.
 */

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.exact(t.type({ type: t.literal(type), ...props }), type);

/** Which of the client's per-partner balances a payout's amount leaves (see docs/design-v2.md). */
export const PayoutAllocation = t.type({ partnerId: Id, amount: DecimalValue });

/** A global store position as decimal digits (positions are bigint, never a JS number). */
const PositionDigits = t.refinement(t.string, (s) => /^\d{1,30}$/.test(s), 'PositionDigits');

/** A run took its id: later runs with this id are duplicates or conflicts. */
export const PayoutRunRecorded = event('PayoutRunRecorded', {
  runId: Id,
  /**
   * v2: the store position the run's balances were folded up to (its terms and payouts too):
   * the audit decides the run again from the balances its replay folds up to there, so a trade
   * or reversal appended between the run's read and its append is judged where the run saw it.
   * Null: every event before the run (version 1 runs, and a run on an empty store).
   */
  balancesAt: t.union([PositionDigits, t.null]),
  at: At,
  minimumUsd: DecimalValue,
  /** The hold in force at `at`, in days; 0 when none. */
  holdDays: t.number,
  /** Only rebates of trades closed at or before this instant counted; null without a hold. */
  cutoff: NullableAt,
  payouts: t.number,
  total: DecimalValue,
});

const payoutProps = {
  payoutId: Id,
  runId: Id,
  clientId: Id,
  amount: DecimalValue,
  allocations: t.array(PayoutAllocation),
};

export const PayoutRequested = event('PayoutRequested', {
  ...payoutProps,
  /** The partner the client was attached to at the run's time, if any. */
  partnerId: NullableId,
  at: At,
});

/** Results repeat amount and allocations so no reader ever has to look the payout up. */
export const PayoutCompleted = event('PayoutCompleted', { ...payoutProps, at: At });
export const PayoutFailed = event('PayoutFailed', { ...payoutProps, reason: t.string, at: At });

export const PayoutEvent = t.union([
  PayoutRunRecorded,
  PayoutRequested,
  PayoutCompleted,
  PayoutFailed,
]);

export type PayoutAllocation = t.TypeOf<typeof PayoutAllocation>;
export type PayoutRunRecorded = t.TypeOf<typeof PayoutRunRecorded>;
export type PayoutRequested = t.TypeOf<typeof PayoutRequested>;
export type PayoutCompleted = t.TypeOf<typeof PayoutCompleted>;
export type PayoutFailed = t.TypeOf<typeof PayoutFailed>;
export type PayoutEvent = t.TypeOf<typeof PayoutEvent>;
