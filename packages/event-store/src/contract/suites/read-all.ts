import { describe, expect, it } from '@jest/globals';
import type { ContractHarness } from '../harness';
import { collect, expectStrictlyIncreasing, newEvent, newEvents, useFreshStore } from '../fixtures';

export function describeReadAll(harness: ContractHarness): void {
  describe('readAll and headPosition', () => {
    const current = useFreshStore(harness);

    it('reads every stream in global order, after an exclusive checkpoint, up to maxCount', async () => {
      const { store } = current();
      const appended = [
        { streamId: 'a', event: newEvent() },
        { streamId: 'b', event: newEvent() },
        { streamId: 'a', event: newEvent() },
        { streamId: 'c', event: newEvent() },
      ];
      for (const { streamId, event } of appended) await store.append(streamId, [event], 'any');

      const all = await collect(store.readAll());
      expect(all.map((e) => [e.streamId, e.eventId])).toEqual(
        appended.map(({ streamId, event }) => [streamId, event.eventId]),
      );
      expect(all.map((e) => e.revision)).toEqual([0, 0, 1, 0]);
      expectStrictlyIncreasing(all.map((e) => e.position));

      const checkpoint = all[1]?.position;
      const rest = await collect(store.readAll({ after: checkpoint }));
      expect(rest.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
      const firstTwo = await collect(store.readAll({ maxCount: 2 }));
      expect(firstTwo.map((e) => e.eventId)).toEqual(all.slice(0, 2).map((e) => e.eventId));
      expect(await collect(store.readAll({ after: all[3]?.position }))).toEqual([]);
    });

    it('filters by stream prefix (literally, case-sensitively) and by event type', async () => {
      const { store } = current();
      const streams: [string, string][] = [
        ['order-1', 'Placed'],
        ['order-2', 'Filled'],
        ['Order-3', 'Placed'],
        ['trade-1', 'Filled'],
        ['a_b-1', 'Placed'],
        ['axb-1', 'Placed'],
        ['order-1', 'Cancelled'],
      ];
      for (const [streamId, type] of streams) await store.append(streamId, [newEvent(type)], 'any');
      const read = async (filter: { streamPrefixes?: string[]; eventTypes?: string[] }) =>
        (await collect(store.readAll({ filter }))).map((e) => `${e.streamId}:${e.type}`);

      expect(await read({ streamPrefixes: ['order-'] })).toEqual([
        'order-1:Placed',
        'order-2:Filled',
        'order-1:Cancelled',
      ]);
      expect(await read({ streamPrefixes: ['a_b'] })).toEqual(['a_b-1:Placed']);
      expect(await read({ streamPrefixes: ['trade-', 'Order-'] })).toEqual([
        'Order-3:Placed',
        'trade-1:Filled',
      ]);
      expect(await read({ eventTypes: ['Filled', 'Cancelled'] })).toEqual([
        'order-2:Filled',
        'trade-1:Filled',
        'order-1:Cancelled',
      ]);
      expect(await read({ streamPrefixes: ['order-'], eventTypes: ['Placed'] })).toEqual([
        'order-1:Placed',
      ]);
      expect(await read({ eventTypes: [] })).toEqual([]);
    });

    it('reports the head position: undefined when empty, then the last position', async () => {
      const { store } = current();
      expect(await store.headPosition()).toBeUndefined();
      await store.append('a', newEvents(2), 'no_stream');
      const last = await store.append('b', newEvents(3), 'no_stream');
      expect(await store.headPosition()).toBe(last.position);
      const all = await collect(store.readAll());
      expect(all[all.length - 1]?.position).toBe(last.position);
    });

    it('pages through more events than fit in one query', async () => {
      const { store } = current();
      const events = newEvents(1200);
      await store.append('big', events.slice(0, 700), 'no_stream');
      await store.append('other', events.slice(700), 'no_stream');
      const all = await collect(store.readAll());
      expect(all.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expectStrictlyIncreasing(all.map((e) => e.position));
      const tail = await collect(store.readAll({ after: all[999]?.position }));
      expect(tail.map((e) => e.eventId)).toEqual(events.slice(1000).map((e) => e.eventId));
    });
  });
}
