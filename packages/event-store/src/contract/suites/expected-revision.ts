import { describe, expect, it } from '@jest/globals';
import type { ContractHarness } from '../harness';
import { collect, expectWrongRevision, newEvents, revisionsOf, useFreshStore } from '../fixtures';

export function describeExpectedRevision(harness: ContractHarness): void {
  describe('expected revision', () => {
    const current = useFreshStore(harness);
    const seed = async (streamId: string, count: number) => {
      await current().store.append(streamId, newEvents(count), 'no_stream');
    };

    it("'no_stream' creates a stream, and fails with the actual revision once it exists", async () => {
      const { store } = current();
      expect(await store.append('s', newEvents(2), 'no_stream')).toMatchObject({
        nextRevision: 1,
      });
      await expectWrongRevision(store.append('s', newEvents(1), 'no_stream'), {
        streamId: 's',
        expected: 'no_stream',
        actual: 1,
      });
    });

    it('an exact revision succeeds when it is the last one, and fails when stale or missing', async () => {
      const { store } = current();
      await seed('s', 2);
      expect((await store.append('s', newEvents(1), 1)).nextRevision).toBe(2);
      await expectWrongRevision(store.append('s', newEvents(1), 1), {
        streamId: 's',
        expected: 1,
        actual: 2,
      });
      await expectWrongRevision(store.append('missing', newEvents(1), 0), {
        streamId: 'missing',
        expected: 0,
        actual: undefined,
      });
    });

    it("'stream_exists' succeeds on an existing stream and fails on a missing one", async () => {
      const { store } = current();
      await seed('s', 1);
      expect((await store.append('s', newEvents(1), 'stream_exists')).nextRevision).toBe(1);
      await expectWrongRevision(store.append('missing', newEvents(1), 'stream_exists'), {
        streamId: 'missing',
        expected: 'stream_exists',
        actual: undefined,
      });
    });

    it("'any' appends to missing and existing streams alike", async () => {
      const { store } = current();
      expect((await store.append('s', newEvents(2), 'any')).nextRevision).toBe(1);
      expect((await store.append('s', newEvents(1), 'any')).nextRevision).toBe(2);
      expect(revisionsOf(await collect(store.readStream('s')))).toEqual([0, 1, 2]);
    });

    it('a failed expectation stores nothing', async () => {
      const { store } = current();
      await seed('s', 3);
      const head = await store.headPosition();
      await expectWrongRevision(store.append('s', newEvents(5), 0), {
        streamId: 's',
        expected: 0,
        actual: 2,
      });
      expect(revisionsOf(await collect(store.readStream('s')))).toEqual([0, 1, 2]);
      expect(await store.headPosition()).toBe(head);
    });
  });
}
