import { WrongExpectedRevisionError } from '../errors';
import type { AppendResult, RecordedEvent, StreamAppend, StreamId } from '../port';
import { type NewEventRow, toNewEventRow } from './append-input';
import { checkExpectedRevision } from './expected-revision';
import { detectReplay } from './idempotency';

/** What the store knows, read inside the appending transaction before deciding. */
export interface AppendState {
  /** Current last revision of each stream the call touches that exists. */
  readonly revisions: ReadonlyMap<StreamId, number>;
  /** Already stored events whose ids appear in the call. */
  readonly storedById: ReadonlyMap<string, RecordedEvent>;
}

export type AppendPlan =
  | { readonly kind: 'replay'; readonly result: AppendResult }
  | { readonly kind: 'write'; readonly rows: readonly NewEventRow[] };

/**
 * Decides, without I/O, what a (multi-stream) append does: replay or write, with revisions
 * assigned. Throws the port's typed errors; the adapter then rolls back, so nothing of the call
 * is stored. A stream appearing twice in one call sees the first part's revisions.
 * `appends` must come from `normalizeAppends`.
 */
export function planAppends(appends: readonly StreamAppend[], state: AppendState): AppendPlan[] {
  const revisions = new Map(state.revisions);
  return appends.map((append): AppendPlan => {
    const replayed = detectReplay(append, state.storedById);
    if (replayed !== undefined) return { kind: 'replay', result: replayed };
    const current = revisions.get(append.streamId);
    checkExpectedRevision(append.streamId, append.expected, current);
    const first = current === undefined ? 0 : current + 1;
    const rows = append.events.map((event, i) => toNewEventRow(append.streamId, first + i, event));
    revisions.set(append.streamId, first + rows.length - 1);
    return { kind: 'write', rows };
  });
}

/**
 * `planAppends` without looking up stored ids first: usually none are stored, and the lookup
 * is the costliest read of a large append. They are looked up only when an expected revision
 * fails, since a replay must succeed whatever it expected. The caller's insert must detect ids
 * that were stored after all (e.g. ON CONFLICT DO NOTHING inserting fewer rows), roll back and
 * plan again with the lookup.
 */
export async function planAppendsOptimistically(
  appends: readonly StreamAppend[],
  revisions: ReadonlyMap<StreamId, number>,
  lookupStored: () => Promise<ReadonlyMap<string, RecordedEvent>>,
): Promise<AppendPlan[]> {
  try {
    return planAppends(appends, { revisions, storedById: new Map() });
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    return planAppends(appends, { revisions, storedById: await lookupStored() });
  }
}

/** All rows to insert, in call order (so positions follow it). */
export function rowsToInsert(plans: readonly AppendPlan[]): NewEventRow[] {
  return plans.flatMap((plan) => (plan.kind === 'write' ? plan.rows : []));
}

/** The new last revision of every stream written, for the streams table. */
export function streamRevisionUpdates(plans: readonly AppendPlan[]): Map<StreamId, number> {
  const updates = new Map<StreamId, number>();
  for (const row of rowsToInsert(plans)) updates.set(row.streamId, row.revision);
  return updates;
}

/**
 * Results in call order once the rows are inserted. `positions[i]` is the position the store
 * assigned to `rowsToInsert(plans)[i]`.
 */
export function appendResults(
  plans: readonly AppendPlan[],
  positions: readonly bigint[],
): AppendResult[] {
  let offset = 0;
  return plans.map((plan) => {
    if (plan.kind === 'replay') return plan.result;
    offset += plan.rows.length;
    const last = plan.rows[plan.rows.length - 1];
    const position = positions[offset - 1];
    if (last === undefined || position === undefined) {
      throw new RangeError('append results: fewer positions than inserted rows');
    }
    return { nextRevision: last.revision, position };
  });
}

/** The ids to look up for `AppendState.storedById`. */
export function eventIdsOf(appends: readonly StreamAppend[]): string[] {
  return appends.flatMap((append) => append.events.map((event) => event.eventId));
}

/** The distinct streams to look up for `AppendState.revisions`. */
export function streamIdsOf(appends: readonly StreamAppend[]): string[] {
  return [...new Set(appends.map((append) => append.streamId))];
}
