import { describe, expect, it } from '@jest/globals';
import type { StreamAppend } from '../../port';
import type { ContractHarness } from '../harness';
import {
  collect,
  expectStrictlyIncreasing,
  expectWrongRevision,
  idsOf,
  newEvents,
  useFreshStore,
} from '../fixtures';

export function describeAppendMany(harness: ContractHarness): void {
  describe('appendMany', () => {
    const current = useFreshStore(harness);

    it('appends to several streams in one call, results in call order', async () => {
      const { store } = current();
      await store.append('b', newEvents(2), 'no_stream');
      const appends: StreamAppend[] = [
        { streamId: 'a', events: newEvents(3), expected: 'no_stream' },
        { streamId: 'b', events: newEvents(1), expected: 1 },
        { streamId: 'c', events: newEvents(2), expected: 'any' },
      ];
      const results = await store.appendMany(appends);
      expect(results.map((r) => r.nextRevision)).toEqual([2, 2, 1]);
      expectStrictlyIncreasing(results.map((r) => r.position));
      for (const [index, { streamId, events }] of appends.entries()) {
        const stored = await collect(store.readStream(streamId));
        expect(idsOf(stored.slice(-events.length))).toEqual(idsOf(events));
        expect(stored[stored.length - 1]?.position).toBe(results[index]?.position);
      }
    });

    if (harness.atomicAppendMany) {
      it('stores nothing of the call when one stream has the wrong expected revision', async () => {
        const { store } = current();
        await store.append('b', newEvents(1), 'no_stream');
        const head = await store.headPosition();
        const call = store.appendMany([
          { streamId: 'a', events: newEvents(2), expected: 'no_stream' },
          { streamId: 'b', events: newEvents(1), expected: 5 },
          { streamId: 'c', events: newEvents(1), expected: 'any' },
        ]);
        await expectWrongRevision(call, { streamId: 'b', expected: 5, actual: 0 });
        expect(await store.headPosition()).toBe(head);
        expect(await collect(store.readStream('a'))).toEqual([]);
        expect(await collect(store.readStream('c'))).toEqual([]);
      });
    }

    it('completes without doubling when a failed call is retried with fixed expectations', async () => {
      const { store } = current();
      await store.append('b', newEvents(1), 'no_stream');
      const a = newEvents(2);
      const b = newEvents(1);
      await expectWrongRevision(
        store.appendMany([
          { streamId: 'a', events: a, expected: 'no_stream' },
          { streamId: 'b', events: b, expected: 7 },
        ]),
        { streamId: 'b', expected: 7, actual: 0 },
      );
      const results = await store.appendMany([
        { streamId: 'a', events: a, expected: 'no_stream' },
        { streamId: 'b', events: b, expected: 0 },
      ]);
      expect(results.map((r) => r.nextRevision)).toEqual([1, 1]);
      expect(idsOf(await collect(store.readStream('a')))).toEqual(idsOf(a));
      expect(idsOf(await collect(store.readStream('b'))).slice(1)).toEqual(idsOf(b));
    });

    it('replaying a whole call returns the same results and stores nothing twice', async () => {
      const { store } = current();
      const appends: StreamAppend[] = [
        { streamId: 'a', events: newEvents(2), expected: 'no_stream' },
        { streamId: 'b', events: newEvents(3), expected: 'no_stream' },
      ];
      const first = await store.appendMany(appends);
      const again = await store.appendMany(appends);
      expect(again).toEqual(first);
      expect(await collect(store.readAll())).toHaveLength(5);
    });
  });
}
