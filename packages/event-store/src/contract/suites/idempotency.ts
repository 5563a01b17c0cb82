import { describe, expect, it } from '@jest/globals';
import { IdempotencyConflictError } from '../../errors';
import { closeAll, startChildren } from '../child-store';
import type { ContractHarness } from '../harness';
import {
  collect,
  idsOf,
  newEvent,
  newEvents,
  rejectionOf,
  revisionsOf,
  useFreshStore,
} from '../fixtures';

export function describeIdempotency(harness: ContractHarness): void {
  describe('idempotency by event id', () => {
    const current = useFreshStore(harness);

    it('stores an event appended twice once, and answers the replay with the first result', async () => {
      const { store } = current();
      const events = newEvents(3);
      const first = await store.append('s', events, 'no_stream');
      expect(await store.append('s', events, 'no_stream')).toEqual(first);
      await store.append('s', newEvents(1), 2);
      expect(await store.append('s', events, 'any')).toEqual(first);
      expect(await store.append('s', events, 0)).toEqual(first);
      expect(revisionsOf(await collect(store.readStream('s')))).toEqual([0, 1, 2, 3]);
    });

    it('rejects an append of which only some events are stored, storing nothing', async () => {
      const { store } = current();
      const stored = newEvents(2);
      await store.append('s', stored, 'no_stream');
      const overlapping = [stored[1] ?? newEvent(), newEvent()];
      const error = await rejectionOf(store.append('s', overlapping, 'any'));
      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect((error as IdempotencyConflictError).streamId).toBe('s');
      expect(idsOf(await collect(store.readAll()))).toEqual(idsOf(stored));
    });

    if (harness.globalEventIds) {
      it('rejects an event id already stored on another stream: ids are global', async () => {
        const { store } = current();
        const event = newEvent();
        await store.append('a', [event], 'no_stream');
        const error = await rejectionOf(store.append('b', [event], 'any'));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect((error as IdempotencyConflictError).eventId).toBe(event.eventId);
        expect(await collect(store.readStream('b'))).toEqual([]);
      });
    }

    if (harness.checksReplayPayload) {
      it('rejects a stored id sent again with another payload', async () => {
        const { store } = current();
        const event = newEvent('Accrued', { amount: '1.00' });
        await store.append('s', [event], 'no_stream');
        const changed = { ...event, data: { amount: '2.00' } };
        const error = await rejectionOf(store.append('s', [changed], 'any'));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        const [kept] = await collect(store.readStream('s'));
        expect(kept?.data).toEqual({ amount: '1.00' });
      });
    }

    it('stores an event once when two processes append it at the same time', async () => {
      const target = current();
      const children = await startChildren(harness, target, 2);
      try {
        for (let round = 0; round < 10; round += 1) {
          const streamId = `dup-${round}`;
          const events = newEvents(round % 3 === 0 ? 3 : 1);
          const outcomes = await Promise.all(
            children.map((child) => child.append(streamId, events, 'no_stream')),
          );
          const [first, second] = outcomes;
          expect(first?.ok && second?.ok).toBe(true);
          expect(first).toEqual(second);
          expect(idsOf(await collect(target.store.readStream(streamId)))).toEqual(idsOf(events));
        }
      } finally {
        await closeAll(children);
      }
    });
  });
}
