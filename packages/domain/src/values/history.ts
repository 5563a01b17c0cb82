import { type Instant, instantSortKey } from './instant';

/**
 * An effective-dated value: the changes made to it, in time order. The value at time t is the
 * last change made at or before t; changes at equal times keep their arrival order, so the
 * later-arriving one wins.
 */
export interface Change<T> {
  readonly key: string;
  readonly at: Instant;
  readonly value: T;
}

export type History<T> = readonly Change<T>[];

export const emptyHistory: History<never> = [];

/** Index of the first change strictly after `key`. */
const upperBound = <T>(history: History<T>, key: string): number => {
  let low = 0;
  let high = history.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((history[mid] as Change<T>).key <= key) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** Adds a change effective from `at`. Commands are never back-dated, so this is nearly always an append. */
export const changedAt = <T>(history: History<T>, at: Instant, value: T): History<T> => {
  const key = instantSortKey(at);
  const index = upperBound(history, key);
  const change: Change<T> = { key, at, value };
  return index === history.length
    ? [...history, change]
    : [...history.slice(0, index), change, ...history.slice(index)];
};

/** The value in force at `at`, or undefined when nothing had been set by then. */
export const valueAt = <T>(history: History<T> | undefined, at: Instant): T | undefined => {
  if (!history || history.length === 0) return undefined;
  const index = upperBound(history, instantSortKey(at));
  return index === 0 ? undefined : (history[index - 1] as Change<T>).value;
};

/** The most recent change, whatever its time. */
export const latest = <T>(history: History<T> | undefined): Change<T> | undefined =>
  history && history.length > 0 ? history[history.length - 1] : undefined;
