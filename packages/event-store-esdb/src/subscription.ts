import { START } from '@eventstore/db-client';
import { type RecordedEvent, type SubscribeOptions, sleep } from '@rebate/event-store';
import { backoffDelay, type RetryPolicy } from './backoff';
import type { EsdbContext } from './client';
import { toRecordedEvent } from './codec';
import { isPermanentSubscriptionError } from './esdb-errors';
import {
  cursorAfter,
  isAfterCheckpoint,
  isBeyond,
  laterCheckpoint,
  toPortPosition,
} from './positions';

export interface SubscriptionSettings {
  readonly retry?: RetryPolicy;
  /** Told about every drop before the resubscription (to log it): error, attempt, delay in ms. */
  readonly onDrop?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * A catch-up-then-live subscription to `$all` that survives connection loss. The client's
 * `subscribeToAll` does not resubscribe by itself: when its stream errors or ends, this opens a new
 * one from the last event seen, after a backoff. ESDB treats a subscription's start position as
 * exclusive; events at or before the cursor are dropped here as well, so none is delivered twice
 * whichever way a server behaves. Consumed with `for await`: the client's readable stream buffers
 * a little and then holds the gRPC stream back, so a slow consumer slows the subscription.
 */
export async function* subscribeToAllEvents(
  ctx: EsdbContext,
  options: SubscribeOptions = {},
  settings: SubscriptionSettings = {},
): AsyncGenerator<RecordedEvent> {
  const { filter, signal } = options;
  const after = laterCheckpoint(options.after, ctx.floor);
  const maxAttempts = settings.retry?.maxAttempts ?? Number.POSITIVE_INFINITY;
  let cursor = cursorAfter(after);
  let failures = 0;
  while (!signal?.aborted) {
    const subscription = ctx.client.subscribeToAll({
      fromPosition: cursor ?? START,
      filter: ctx.scope.serverFilter(filter),
    });
    const stop = () => void subscription.unsubscribe().catch(() => undefined);
    signal?.addEventListener('abort', stop, { once: true });
    subscription.once('confirmation', () => (failures = 0)); // connected again: not a failure streak
    let dropped: unknown = new Error('EventStoreDB ended the subscription');
    try {
      for await (const { event } of subscription) {
        if (signal?.aborted) return; // events buffered before the abort are not delivered
        if (!event || !isBeyond(event.position, cursor, 'forwards')) continue;
        // Every event moves the cursor, shown or not: a resubscription need not see it again.
        cursor = event.position;
        failures = 0;
        const position = toPortPosition(event.position);
        if (!isAfterCheckpoint(position, after)) continue;
        const streamId = ctx.scope.visible(event.streamId, event.type, filter);
        if (streamId === undefined) continue;
        yield toRecordedEvent(event, streamId, position);
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (isPermanentSubscriptionError(error)) throw error;
      dropped = error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined); // no-op if the call already ended
    }
    if (signal?.aborted) return;
    failures += 1;
    if (failures > maxAttempts) throw dropped;
    const delay = backoffDelay(failures, settings.retry);
    settings.onDrop?.(dropped, failures, delay);
    await sleep(delay, signal);
  }
}
