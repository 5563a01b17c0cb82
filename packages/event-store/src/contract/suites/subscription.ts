import { describe, expect, it } from '@jest/globals';
import { closeAll, startChildren } from '../child-store';
import type { ContractHarness } from '../harness';
import { collect, idsOf, newEvent, newEvents, useFreshStore } from '../fixtures';

export function describeSubscription(harness: ContractHarness): void {
  describe('subscribeToAll', () => {
    const current = useFreshStore(harness);

    it('catches up after an exclusive checkpoint, then delivers live appends', async () => {
      const { store } = current();
      await store.append('a', newEvents(5), 'no_stream');
      const stored = await collect(store.readAll());
      const stop = new AbortController();
      const live = store.subscribeToAll({ after: stored[1]?.position, signal: stop.signal });
      const events = live[Symbol.asyncIterator]();

      const caughtUp = [await events.next(), await events.next(), await events.next()];
      expect(caughtUp.map((r) => (r.done ? undefined : r.value.eventId))).toEqual(
        idsOf(stored.slice(2)),
      );
      const pending = events.next();
      const later = newEvents(2);
      await store.append('b', later, 'no_stream');
      const first = await pending;
      const second = await events.next();
      expect([first, second].map((r) => (r.done ? undefined : r.value.eventId))).toEqual(
        idsOf(later),
      );

      const waiting = events.next();
      stop.abort();
      expect(await waiting).toEqual({ done: true, value: undefined });
    });

    it('delivers only events that match the filter', async () => {
      const { store } = current();
      await store.append('order-1', [newEvent('Placed')], 'no_stream');
      await store.append('trade-1', [newEvent('Filled')], 'no_stream');
      const stop = new AbortController();
      const filter = { streamPrefixes: ['order-'] };
      const events = store.subscribeToAll({ filter, signal: stop.signal })[Symbol.asyncIterator]();
      const first = await events.next();
      const pending = events.next();
      await store.append('trade-2', [newEvent('Filled')], 'no_stream');
      const wanted = newEvent('Filled');
      await store.append('order-2', [wanted], 'no_stream');
      const second = await pending;
      stop.abort();
      expect(first.done ? undefined : first.value.streamId).toBe('order-1');
      expect(second.done ? undefined : second.value.eventId).toBe(wanted.eventId);
    });

    // The payout relay's filter, and what an EventStoreDB user subscribing to payouts directly
    // would pass: a stream prefix and event types together, both must match.
    it('delivers only events of the given types under the given stream prefix', async () => {
      const { store } = current();
      const before = newEvent('PayoutRequested');
      await store.append('payouts', [before, newEvent('PayoutCompleted')], 'no_stream');
      await store.append('trade-1', [newEvent('PayoutRequested')], 'no_stream');
      const stop = new AbortController();
      const filter = { streamPrefixes: ['payouts'], eventTypes: ['PayoutRequested'] };
      const events = store.subscribeToAll({ filter, signal: stop.signal })[Symbol.asyncIterator]();
      const first = await events.next();
      const pending = events.next();
      await store.append('payouts', [newEvent('PayoutFailed')], 1);
      const wanted = newEvent('PayoutRequested');
      await store.append('payouts', [wanted], 2);
      const second = await pending;
      stop.abort();
      expect(first.done ? undefined : first.value.eventId).toBe(before.eventId);
      expect(second.done ? undefined : [second.value.streamId, second.value.eventId]).toEqual([
        'payouts',
        wanted.eventId,
      ]);
    });

    it('ends at once, without events, when the signal is already aborted', async () => {
      const { store } = current();
      await store.append('a', newEvents(3), 'no_stream');
      expect(await collect(store.subscribeToAll({ signal: AbortSignal.abort() }))).toEqual([]);
    });

    it('wakes up for an append made by another process', async () => {
      const target = current();
      const [child] = await startChildren(harness, target, 1);
      try {
        const stop = new AbortController();
        const events = target.store.subscribeToAll({ signal: stop.signal });
        const pending = events[Symbol.asyncIterator]().next();
        const sent = newEvent('FromChild');
        const outcome = await child?.append('remote', [sent], 'no_stream');
        expect(outcome?.ok).toBe(true);
        const delivered = await pending;
        stop.abort();
        expect(delivered.done ? undefined : delivered.value.eventId).toBe(sent.eventId);
      } finally {
        await closeAll(child ? [child] : []);
      }
    });
  });
}
