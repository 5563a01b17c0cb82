import { ProblemError } from '../http/problem';
import { fail } from '../http/problem-catalog';
import type { RouteReply } from '../routes/route';
import { problemReply } from '../http/problem-reply';

/**
 * Remembers the answer to each Idempotency-Key, so a retried command gets its first answer
 * instead of being decided again (its `at` would differ, and a re-registration would conflict).
 * A concurrent retry waits for the first. Answers that failed (5xx) are forgotten, so a retry
 * runs again. Same key with another request: 422.
 */
export interface IdempotencyCache {
  once(
    key: string,
    fingerprint: string,
    execute: () => Promise<RouteReply>,
  ): Promise<{ readonly reply: RouteReply; readonly replayed: boolean }>;
}

interface Entry {
  readonly fingerprint: string;
  readonly reply: Promise<RouteReply>;
  readonly expiresAt: number;
}

export interface MemoryIdempotencyOptions {
  readonly maxEntries?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** Client errors are answers too: a retried rejection is rejected the same way. */
const settle = (execute: () => Promise<RouteReply>): Promise<RouteReply> =>
  execute().catch((error: unknown) => {
    if (error instanceof ProblemError && error.problem.status < 500) {
      return problemReply(error.problem);
    }
    throw error;
  });

/**
 * One process's memory (bounded, oldest evicted first). Behind a load balancer, or across a
 * restart, a retry is still safe: event ids derive from the key, so the store refuses to record
 * a different outcome for it (answered 422), and trades are deduplicated by trade id.
 */
export const memoryIdempotencyCache = (
  options: MemoryIdempotencyOptions = {},
): IdempotencyCache => {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const forget = (key: string, entry: Entry): void => {
    if (entries.get(key) === entry) entries.delete(key);
  };

  return {
    async once(key, fingerprint, execute) {
      const known = entries.get(key);
      if (known && known.expiresAt > now()) {
        if (known.fingerprint !== fingerprint) {
          fail('idempotency-key-reused', 'this Idempotency-Key was used for a different request', {
            field: 'Idempotency-Key',
          });
        }
        return { reply: await known.reply, replayed: true };
      }
      const entry: Entry = { fingerprint, reply: settle(execute), expiresAt: now() + ttlMs };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      try {
        const reply = await entry.reply;
        if (reply.status >= 500) forget(key, entry);
        return { reply, replayed: false };
      } catch (error) {
        forget(key, entry);
        throw error;
      }
    },
  };
};
