import { describe, expect, it } from '@jest/globals';
import type { ReadAllOptions, RecordedEvent } from '../port';
import { ChangeNotifier } from './change-notifier';
import { pollingSubscription } from './polling-subscription';

const recorded = (position: number, streamId = 's'): RecordedEvent => ({
  streamId,
  revision: position,
  position: BigInt(position),
  eventId: `e${position}`,
  type: 'T',
  data: {},
  metadata: { schemaVersion: 1 },
  recordedAt: '',
});

/** An array-backed source: appending notifies like a store instance does. */
function memorySource() {
  const events: RecordedEvent[] = [];
  const changes = new ChangeNotifier();
  return {
    changes,
    append: (event: RecordedEvent) => {
      events.push(event);
      changes.notify();
    },
    async *readAll({ after, maxCount }: ReadAllOptions) {
      const newer = events.filter((e) => after === undefined || e.position > after);
      yield* newer.slice(0, maxCount);
    },
  };
}

describe('pollingSubscription', () => {
  it('catches up in batches, then is woken by notifications (no polling needed)', async () => {
    const source = memorySource();
    [1, 2, 3, 4, 5].forEach((p) => source.append(recorded(p)));
    const stop = new AbortController();
    const options = { after: 1n, signal: stop.signal, pollIntervalMs: 60_000, batchSize: 2 };
    const events = pollingSubscription(source, options);
    const positions: bigint[] = [];
    for (let i = 0; i < 4; i += 1) positions.push((await events.next()).value?.position ?? -1n);
    const live = events.next();
    source.append(recorded(6));
    positions.push((await live).value?.position ?? -1n);
    expect(positions).toEqual([2n, 3n, 4n, 5n, 6n]);

    const waiting = events.next();
    stop.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('finishes without reading when the signal is already aborted', async () => {
    const source = memorySource();
    source.append(recorded(1));
    const options = { signal: AbortSignal.abort(), pollIntervalMs: 10, batchSize: 10 };
    expect(await pollingSubscription(source, options).next()).toEqual({
      done: true,
      value: undefined,
    });
  });
});
