import type { PayoutEvent, Rejection, RunPayouts } from '@rebate/domain';
import { runIdOf } from '@rebate/domain';
import { type Either, isLeft, left, right } from 'fp-ts/Either';
import type { PayoutBookSource } from '../queries/payout-book-source';
import { type PayoutPreview, previewOf } from '../queries/payout-answers';

/** The ledger's side of a preview: a run decided as for real and never appended. */
export interface PayoutRunPreviewer {
  previewPayoutRun(command: RunPayouts): Promise<Either<Rejection, PayoutEvent[]>>;
}

/**
 * What a run would pay now: the one answer of `POST /v1/payout-runs?dryRun=true` and
 * `rebate payouts preview`. A run already made (a duplicate) would pay nothing more: its
 * recorded hold and cutoff, no payouts.
 */
export const answerPayoutPreview = async (
  ledger: PayoutRunPreviewer,
  payouts: PayoutBookSource,
  run: RunPayouts,
): Promise<Either<Rejection, PayoutPreview>> => {
  const decision = await ledger.previewPayoutRun(run);
  if (isLeft(decision)) return left(decision.left);
  const preview = previewOf(decision.right);
  if (preview !== undefined) return right(preview);
  const runId = runIdOf(run);
  const made = (await payouts.book()).runs.get(runId);
  return right({
    runId,
    at: run.at,
    holdDays: made?.holdDays ?? 0,
    cutoff: made?.cutoff ?? null,
    payouts: [],
    total: '0',
  });
};
