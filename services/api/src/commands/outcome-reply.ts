import type { CommandOutcome } from '@rebate/ledger';
import { ProblemError } from '../http/problem';
import { rejectionProblem } from '../http/problem-catalog';
import type { RouteReply } from '../routes/route';
import type { CommandAnswer } from './command-answers';

const positionText = (position: bigint | undefined): string | null =>
  position === undefined ? null : position.toString();

/** One command's answer: 200 (201 with `location` for a creation), or its rejection's problem. */
export const replyOf = (
  outcome: CommandOutcome,
  commandId: string,
  location?: string,
): RouteReply => {
  if (outcome.kind === 'rejected') {
    throw new ProblemError(rejectionProblem(outcome.rejection));
  }
  const body: CommandAnswer =
    outcome.kind === 'applied'
      ? { status: 'accepted', commandId, position: positionText(outcome.position) }
      : { status: 'duplicate', commandId, position: null };
  if (location !== undefined && outcome.kind === 'applied') {
    return { status: 201, body, headers: { location } };
  }
  return { status: 200, body };
};

export type ItemOutcome =
  | { readonly status: 'accepted'; readonly position: string | null }
  | { readonly status: 'duplicate' }
  | { readonly status: 'rejected'; readonly code: string; readonly reason: string };

/** One item of a batch: never thrown, reported in place. */
export const itemOutcomeOf = (outcome: CommandOutcome): ItemOutcome => {
  switch (outcome.kind) {
    case 'applied':
      return { status: 'accepted', position: positionText(outcome.position) };
    case 'duplicate':
      return { status: 'duplicate' };
    case 'rejected': {
      const { code, reason } = outcome.rejection;
      return { status: 'rejected', code, reason };
    }
  }
};

export const invalidItem = (reason: string): ItemOutcome => ({
  status: 'rejected',
  code: 'invalid-input',
  reason,
});

export const countOutcomes = (items: readonly ItemOutcome[]) => ({
  accepted: items.filter((item) => item.status === 'accepted').length,
  duplicates: items.filter((item) => item.status === 'duplicate').length,
  rejected: items.filter((item) => item.status === 'rejected').length,
});
