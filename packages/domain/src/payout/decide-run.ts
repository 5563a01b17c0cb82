import * as E from 'fp-ts/Either';
import type { AgreementBook } from '../agreement/book';
import {
  isClientSuspendedAt,
  partnerOfClientAt,
  partnersInAttachmentOrder,
} from '../agreement/terms-at';
import type { PayoutAllocation, PayoutEvent, PayoutRequested } from '../events/payout-events';
import type { RunPayouts } from '../input/lines';
import { type Rejection, rejection } from '../rejection';
import { type Big, Decimal, ZERO, roundDownToCents, sumOf } from '../values/decimal';
import { compareCodePoints } from '../values/code-points';
import type { PayoutBook } from './payout-book';
import { type PayoutWindow, payoutWindowAt } from './payout-window';

export const DEFAULT_MINIMUM_USD: Big = Decimal('0.01');

/**
 * What one client may be paid in a run's window, per partner it earned under: rebates of live
 * trades in the window minus what was paid from that partner's part (requested or completed).
 */
export interface ClientPayable {
  readonly clientId: string;
  readonly parts: ReadonlyMap<string, Big>;
}

/** A run pays what has arrived by then: the payables given must include every earlier event. */
export interface PayoutRunState {
  readonly book: AgreementBook;
  readonly payouts: PayoutBook;
  /** The payables in the run's window (`payoutWindowAt(book, at)`). */
  readonly payables: Iterable<ClientPayable>;
  /**
   * The store position the payables, the book and the payouts were folded up to, as decimal
   * digits; recorded on the run so the audit folds its replay up to the same place. Absent or
   * null: every event before the run.
   */
  readonly balancesAt?: string | null;
}

/** A run's id: the `runId` given, else its instant in canonical UTC form (rules, section 9). */
export const runIdOf = (command: RunPayouts): string => command.runId ?? command.at;

/**
 * The amount leaves the client's positive per-partner parts, earliest attachment first, each up
 * to what it holds: money earned first is paid first (docs/design-v2.md).
 */
const allocate = (book: AgreementBook, payable: ClientPayable, amount: Big): PayoutAllocation[] => {
  const order = partnersInAttachmentOrder(book, payable.clientId);
  const others = [...payable.parts.keys()]
    .filter((p) => !order.includes(p))
    .sort(compareCodePoints);
  const allocations: PayoutAllocation[] = [];
  let remaining = amount;
  for (const partnerId of [...order, ...others]) {
    const part = payable.parts.get(partnerId) ?? ZERO;
    if (remaining.lte(ZERO)) break;
    if (part.lte(ZERO)) continue;
    const taken = part.lt(remaining) ? part : remaining;
    allocations.push({ partnerId, amount: taken });
    remaining = remaining.minus(taken);
  }
  return allocations;
};

/**
 * What a run would pay from these parts (a client's, or one partner's part of it) if not
 * suspended, before the minimum: their sum rounded down to whole cents, 0 when not above zero.
 */
export const payableAmountOf = (parts: Iterable<Big>): Big => {
  const rounded = roundDownToCents(sumOf(parts));
  return rounded.gt(ZERO) ? rounded : ZERO;
};

const payoutsOfRun = (
  command: RunPayouts,
  state: PayoutRunState,
  runId: string,
  minimumUsd: Big,
): PayoutRequested[] => {
  const ordered = [...state.payables].sort((a, b) => compareCodePoints(a.clientId, b.clientId));
  const payouts: PayoutRequested[] = [];
  for (const payable of ordered) {
    if (isClientSuspendedAt(state.book, payable.clientId, command.at)) continue;
    const amount = payableAmountOf(payable.parts.values());
    if (amount.lte(ZERO) || amount.lt(minimumUsd)) continue;
    payouts.push({
      type: 'PayoutRequested',
      payoutId: `${runId}/${payable.clientId}`,
      runId,
      clientId: payable.clientId,
      amount,
      allocations: allocate(state.book, payable, amount),
      partnerId: partnerOfClientAt(state.book, payable.clientId, command.at)?.partnerId ?? null,
      at: command.at,
    });
  }
  return payouts;
};

/**
 * Rules, sections 5, 9 and 10: for every client in clientId order (code points) that neither
 * switch suspends at the run's time, its payable in the run's window rounded down to whole cents,
 * paid when above zero and at least the minimum. A run whose id is taken is a duplicate (same
 * instant and minimum: no events) or a conflict. A run that pays nobody still takes its id.
 */
export const decidePayoutRun = (
  command: RunPayouts,
  state: PayoutRunState,
): E.Either<Rejection, PayoutEvent[]> => {
  const runId = runIdOf(command);
  const minimumUsd = command.minimumUsd ?? DEFAULT_MINIMUM_USD;
  const earlier = state.payouts.runs.get(runId);
  if (earlier) {
    return earlier.at === command.at && earlier.minimumUsd.eq(minimumUsd)
      ? E.right([])
      : E.left(
          rejection(
            'conflicting-run',
            `payout run ${runId} was already made at ${earlier.at} with minimum ${earlier.minimumUsd.toFixed()}`,
            'runId',
          ),
        );
  }
  const window: PayoutWindow = payoutWindowAt(state.book, command.at);
  const payouts = payoutsOfRun(command, state, runId, minimumUsd);
  const taken = payouts.find((payout) => state.payouts.payouts.has(payout.payoutId));
  if (taken)
    return E.left(
      rejection(
        'conflicting-run',
        `payout id ${taken.payoutId} is already taken by another run`,
        'runId',
      ),
    );
  return E.right([
    {
      type: 'PayoutRunRecorded',
      runId,
      balancesAt: state.balancesAt ?? null,
      at: command.at,
      minimumUsd,
      holdDays: window.holdDays,
      cutoff: window.cutoff,
      payouts: payouts.length,
      total: sumOf(payouts.map((payout) => payout.amount)),
    },
    ...payouts,
  ]);
};
