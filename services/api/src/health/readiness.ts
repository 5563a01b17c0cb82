import * as t from 'io-ts';
import type { EventStore } from '@rebate/event-store';
import type { LedgerQueries } from '@rebate/read-models';

export const Readiness = t.type(
  {
    status: t.keyof({ ready: null, unavailable: null }),
    /** "ok", or why the store could not be read. */
    store: t.string,
    /** "caught-up", or how the projections are behind. */
    projections: t.string,
  },
  'Readiness',
);
export type Readiness = t.TypeOf<typeof Readiness>;

const withTimeout = <A>(promise: Promise<A>, ms: number, what: string): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/**
 * Ready = the store answers, and the projections reach its head within `boundMs`. Public, so
 * it names no position and no error text (those are in the metrics and the logs).
 */
export const checkReadiness = async (
  store: Pick<EventStore, 'headPosition'>,
  queries: Pick<LedgerQueries, 'waitForPosition'>,
  boundMs: number,
): Promise<Readiness> => {
  let head: bigint | undefined;
  try {
    head = await withTimeout(store.headPosition(), boundMs, 'reading the store head');
  } catch {
    return { status: 'unavailable', store: 'unreachable', projections: 'unknown' };
  }
  try {
    const caughtUp = head === undefined || (await queries.waitForPosition(head, boundMs));
    return caughtUp
      ? { status: 'ready', store: 'ok', projections: 'caught-up' }
      : {
          status: 'unavailable',
          store: 'ok',
          projections: `behind: the store head not reached in ${boundMs} ms`,
        };
  } catch {
    return { status: 'unavailable', store: 'ok', projections: 'unreadable' };
  }
};
