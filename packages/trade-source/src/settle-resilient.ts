import { type BackoffPolicy, backoffDelay } from './backoff';
import type { DeadLetterSink } from './dead-letter';
import type { BatchHandler } from './disposition';
import type { SourceBatch } from './message';
import { settleBatch } from './settle';

/** Resolves when the store answers a cheap request (e.g. its head position); rejects otherwise. */
export type StoreProbe = () => Promise<unknown>;

/** The code of a message dead-lettered because storing it failed every time. */
export const STORE_FAILED_CODE = 'store-failed';

export interface ResilientSettleContext {
  readonly handler: BatchHandler;
  readonly deadLetters: DeadLetterSink;
  readonly policy: BackoffPolicy;
  /** Without a probe a store outage cannot be told from a poison message: nothing is dead-lettered. */
  readonly probe: StoreProbe | undefined;
  /** Waits `ms` (heartbeating); false when the source stopped meanwhile. */
  wait(ms: number): Promise<boolean>;
  /** Errors of the transport itself (the dead-letter producer): thrown at once, never retried here. */
  isTransportError(error: unknown): boolean;
  onRetry?(attempt: number, error: unknown, batch: SourceBatch): void;
  /** The store does not answer: everything waits for it (no exit, no dead letter). */
  onStoreDown?(error: unknown, batch: SourceBatch): void;
  onPoison?(batch: SourceBatch, error: unknown): void;
}

type Attempts =
  { readonly kind: 'settled' | 'stopped' } | { readonly kind: 'failed'; error: unknown };

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Settles a batch whatever fails, without ever giving up on the partition:
 * - retries with backoff (a store hiccup);
 * - when every attempt failed and the store does not answer the probe, it is an outage: wait
 *   and retry for as long as it lasts (the process stays up, nothing is dead-lettered);
 * - when the store answers, the batch itself holds a message the store refuses: bisect it,
 *   settling the good halves, down to the one message that fails alone `maxAttempts` times
 *   while the store answers; that one is dead-lettered with code `store-failed` and the
 *   store's error as the reason. A partition never stalls on one message.
 * Returns false when the source stopped meanwhile (what was settled is idempotent; the rest is
 * delivered again).
 */
export const settleResiliently = async (
  batch: SourceBatch,
  ctx: ResilientSettleContext,
): Promise<boolean> => {
  let result = await attempts(batch, ctx, ctx.policy.maxAttempts);
  for (;;) {
    if (result.kind !== 'failed') return result.kind === 'settled';
    const storeDown = await storeError(ctx);
    if (storeDown === undefined) break;
    ctx.onStoreDown?.(storeDown, batch);
    if (!(await ctx.wait(ctx.policy.maxMs))) return false;
    result = await attempts(batch, ctx, ctx.policy.maxAttempts);
  }
  return isolate(batch, ctx);
};

/** The store answers, and `batch` failed: find the message(s) it refuses. */
const isolate = async (batch: SourceBatch, ctx: ResilientSettleContext): Promise<boolean> => {
  if (batch.messages.length <= 1) {
    // Alone, with its full retries: one more chance for a coincidental hiccup.
    const alone = await attempts(batch, ctx, ctx.policy.maxAttempts);
    if (alone.kind !== 'failed') return alone.kind === 'settled';
    const storeDown = await storeError(ctx);
    if (storeDown !== undefined) return settleResiliently(batch, ctx);
    ctx.onPoison?.(batch, alone.error);
    await ctx.deadLetters.publish(
      batch.messages.map((message) => ({
        message,
        code: STORE_FAILED_CODE,
        reason: `the store failed on this message ${ctx.policy.maxAttempts} times while it answered other requests: ${messageOf(alone.error)}`,
      })),
    );
    return true;
  }
  const middle = Math.ceil(batch.messages.length / 2);
  for (const messages of [batch.messages.slice(0, middle), batch.messages.slice(middle)]) {
    const half: SourceBatch = { ...batch, messages };
    const once = await attempts(half, ctx, 1);
    if (once.kind === 'stopped') return false;
    if (once.kind === 'failed' && !(await isolate(half, ctx))) return false;
  }
  return true;
};

const attempts = async (
  batch: SourceBatch,
  ctx: ResilientSettleContext,
  maxAttempts: number,
): Promise<Attempts> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await settleBatch(batch, ctx.handler, ctx.deadLetters);
      return { kind: 'settled' };
    } catch (error) {
      if (ctx.isTransportError(error)) throw error;
      if (attempt >= maxAttempts) return { kind: 'failed', error };
      ctx.onRetry?.(attempt, error, batch);
      if (!(await ctx.wait(backoffDelay(ctx.policy, attempt)))) return { kind: 'stopped' };
    }
  }
};

/** Undefined when the store answers the probe; the probe's error otherwise. */
const storeError = async (ctx: ResilientSettleContext): Promise<unknown> => {
  if (!ctx.probe) return new Error('no store probe: a persistent failure is taken as an outage');
  try {
    await ctx.probe();
    return undefined;
  } catch (error) {
    return error ?? new Error('the store probe failed');
  }
};
