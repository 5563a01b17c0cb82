import type { ReadAllOptions, RecordedEvent, SubscribeOptions } from '../port';
import type { ChangeNotifier } from './change-notifier';

export interface PollingSource {
  /** The store's own readAll: positions must be visible in commit order. */
  readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Woken by appends this process can hear of (same instance, LISTEN/NOTIFY). */
  readonly changes: ChangeNotifier;
}

export interface PollingOptions extends SubscribeOptions {
  /** Longest sleep when nothing wakes the subscription (appends by other processes). */
  readonly pollIntervalMs: number;
  /** Events fetched per query. */
  readonly batchSize: number;
}

/**
 * Catch-up-then-live subscription on top of `readAll`: read a batch after the checkpoint, yield
 * it, and when a batch comes back short (caught up) sleep until notified or the poll interval
 * passes. Exactly-once and in order because the checkpoint only advances past yielded events
 * and the store's positions follow commit order. Aborting ends the iteration normally.
 */
export async function* pollingSubscription(
  source: PollingSource,
  options: PollingOptions,
): AsyncGenerator<RecordedEvent, void, undefined> {
  const { signal, filter, pollIntervalMs, batchSize } = options;
  const aborted = (): boolean => signal?.aborted === true;
  let checkpoint = options.after;
  while (!aborted()) {
    const versionBeforeRead = source.changes.version;
    let fetched = 0;
    for await (const event of source.readAll({ after: checkpoint, maxCount: batchSize, filter })) {
      if (aborted()) return;
      fetched += 1;
      checkpoint = event.position;
      yield event;
    }
    if (fetched < batchSize) {
      await source.changes.wait(versionBeforeRead, pollIntervalMs, signal);
    }
  }
}
