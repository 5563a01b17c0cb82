import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { EventDecodingError } from '../../errors';
import type { RecordedEvent } from '../../port';
import { readStreamTyped } from '../../support/typed-read';
import type { ContractHarness } from '../harness';
import { collect, newEvent, newEvents, rejectionOf, useFreshStore } from '../fixtures';

const Accrued = t.type({ type: t.literal('Accrued'), data: t.type({ amount: t.string }) });

/** Reads to the end, keeping what arrived before a failure. */
async function drain(events: AsyncIterable<RecordedEvent>, seen: RecordedEvent[]): Promise<void> {
  for await (const event of events) seen.push(event);
}

export function describeBadData(harness: ContractHarness): void {
  describe('bad stored data', () => {
    const current = useFreshStore(harness);

    it('reports a corrupt stored event as EventDecodingError with its stream and position', async () => {
      const target = current();
      const { store } = target;
      await store.append('s', newEvents(3), 'no_stream');
      await store.append('other', newEvents(1), 'no_stream');
      const [, bad] = await collect(store.readStream('s'));
      if (bad === undefined) throw new Error('setup: stream s has no second event');
      await target.corruptEvent(bad.position);
      const where = (error: unknown) => {
        expect(error).toBeInstanceOf(EventDecodingError);
        const { streamId, revision, position } = error as EventDecodingError;
        return { streamId, revision, position };
      };
      const expected = { streamId: 's', revision: 1, position: bad.position };

      const fromStream: RecordedEvent[] = [];
      expect(where(await rejectionOf(drain(store.readStream('s'), fromStream)))).toEqual(expected);
      const fromAll: RecordedEvent[] = [];
      expect(where(await rejectionOf(drain(store.readAll(), fromAll)))).toEqual(expected);
      const live = store.subscribeToAll({ signal: AbortSignal.timeout(10_000) });
      expect(where(await rejectionOf(drain(live, [])))).toEqual(expected);

      for (const seen of [fromStream, fromAll]) {
        expect(seen.every((event) => event.position < bad.position)).toBe(true);
      }
      expect(await collect(store.readStream('other'))).toHaveLength(1);
    });

    it('readStreamTyped rejects a payload its codec refuses, naming stream and position', async () => {
      const { store } = current();
      await store.append('s', [newEvent('Accrued', { amount: '1.50' })], 'no_stream');
      await store.append('s', [newEvent('Accrued', { amount: 150 })], 0);
      const [good, bad] = await collect(store.readStream('s'));

      const typed: unknown[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const event of readStreamTyped(store, 's', Accrued)) typed.push(event.data);
        })(),
      );
      expect(typed).toEqual([{ amount: '1.50' }]);
      expect(error).toBeInstanceOf(EventDecodingError);
      expect(error).toMatchObject({ streamId: 's', revision: 1, position: bad?.position });
      expect((error as EventDecodingError).reason).toContain('amount');
      expect(good?.data).toEqual({ amount: '1.50' });
    });
  });
}
