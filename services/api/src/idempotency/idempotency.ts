import type { EventStore } from '@rebate/event-store';
import { ProblemError } from '../http/problem';
import { fail } from '../http/problem-catalog';
import { problemReply } from '../http/problem-reply';
import type { RouteReply } from '../routes/route';
import type { BulkProgress, IdempotencyStore, KeyRecord, LineRejection } from './idempotency-store';

/**
 * What a command's handler learns about an earlier attempt with its key, and how it records a
 * bulk import's progress.
 */
export interface Journal {
  /** What an earlier attempt (before a crash) recorded; undefined on a first attempt. */
  readonly resumed: KeyRecord | undefined;
  /**
   * Events already stored by commands of this key whose causation id starts with `prefix`,
   * each cause with the position of its last event: a replayed command is recognised by its
   * id before it is decided. Reads only what was appended since the first attempt began.
   */
  storedCauses(prefix: string): Promise<ReadonlyMap<string, bigint>>;
  saveProgress(progress: BulkProgress, rejected: readonly LineRejection[]): Promise<void>;
}

export interface Idempotency {
  once(
    key: string,
    requestHash: string,
    run: (journal: Journal) => Promise<RouteReply>,
  ): Promise<{ readonly reply: RouteReply; readonly replayed: boolean }>;
}

/** Client errors are answers too: a retried rejection is rejected the same way. */
const settle = (run: () => Promise<RouteReply>): Promise<RouteReply> =>
  run().catch((error: unknown) => {
    if (error instanceof ProblemError && error.problem.status < 500) {
      return problemReply(error.problem);
    }
    throw error;
  });

/**
 * Idempotency-Keys over a database (`IdempotencyStore`): the same key with the same request
 * replays the stored answer, or, when the first attempt never finished (a crash, a 5xx),
 * resumes it; the same key with another request is 422. A concurrent retry in this process
 * waits for the first and then replays its answer. Two instances are not kept from running one
 * key at the same moment (send a key to one instance at a time); the store's event ids still
 * keep any event from being written twice.
 */
export const createIdempotency = (
  store: IdempotencyStore,
  events: Pick<EventStore, 'readAll' | 'headPosition'>,
): Idempotency => {
  const inFlight = new Map<string, Promise<unknown>>();

  const journalOf = (key: string, resumed: KeyRecord | undefined): Journal => ({
    resumed,
    async storedCauses(prefix) {
      const found = new Map<string, bigint>();
      if (resumed === undefined) return found;
      for await (const event of events.readAll({ after: resumed.scanFrom })) {
        const cause = event.metadata.causationId;
        if (typeof cause === 'string' && cause.startsWith(prefix)) {
          const known = found.get(cause);
          if (known === undefined || event.position > known) found.set(cause, event.position);
        }
      }
      return found;
    },
    saveProgress: (progress, rejected) => store.saveProgress(key, progress, rejected),
  });

  const attempt = async (
    key: string,
    requestHash: string,
    run: (journal: Journal) => Promise<RouteReply>,
  ): Promise<{ reply: RouteReply; replayed: boolean }> => {
    const claim = await store.claim(key, requestHash, await events.headPosition());
    const resumed = claim.created ? undefined : claim.record;
    if (resumed !== undefined && resumed.requestHash !== requestHash) {
      fail('idempotency-key-reused', 'this Idempotency-Key was used for a different request', {
        field: 'Idempotency-Key',
      });
    }
    if (resumed?.reply !== undefined) return { reply: resumed.reply, replayed: true };
    const reply = await settle(() => run(journalOf(key, resumed)));
    // A 5xx is not an answer: the record stays open and the next retry resumes it.
    if (reply.status < 500) await store.saveReply(key, reply);
    return { reply, replayed: false };
  };

  return {
    async once(key, requestHash, run) {
      for (;;) {
        const running = inFlight.get(key);
        if (running === undefined) break;
        await running.catch(() => undefined);
      }
      const result = attempt(key, requestHash, run);
      inFlight.set(key, result);
      try {
        return await result;
      } finally {
        if (inFlight.get(key) === result) inFlight.delete(key);
      }
    },
  };
};
