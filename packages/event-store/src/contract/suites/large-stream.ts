import { describe, expect, it } from '@jest/globals';
import type { ContractHarness } from '../harness';
import { collect, newEvents, revisionsOf, useFreshStore } from '../fixtures';

const STREAM_LENGTH = 100_000;
const APPEND_SIZE = 10_000;

export function describeLargeStreams(harness: ContractHarness): void {
  describe('large streams', () => {
    const current = useFreshStore(harness);

    it(`reads the end of a ${STREAM_LENGTH}-event stream without fetching the stream`, async () => {
      const target = current();
      const { store } = target;
      let last: number | undefined;
      for (let written = 0; written < STREAM_LENGTH; written += APPEND_SIZE) {
        const result = await store.append(
          'big',
          newEvents(APPEND_SIZE, 'Big'),
          last ?? 'no_stream',
        );
        last = result.nextRevision;
      }
      expect(last).toBe(STREAM_LENGTH - 1);

      const fetchedBy = async (read: () => Promise<number[]>) => {
        const before = target.rowsFetched();
        const revisions = await read();
        return { revisions, fetched: target.rowsFetched() - before };
      };
      const lastEvent = await fetchedBy(async () =>
        revisionsOf(
          await collect(store.readStream('big', { direction: 'backwards', maxCount: 1 })),
        ),
      );
      expect(lastEvent).toEqual({ revisions: [STREAM_LENGTH - 1], fetched: 1 });

      const tail = await fetchedBy(async () =>
        revisionsOf(await collect(store.readStream('big', { fromRevision: STREAM_LENGTH - 10 }))),
      );
      expect(tail.revisions).toEqual(Array.from({ length: 10 }, (_, i) => STREAM_LENGTH - 10 + i));
      expect(tail.fetched).toBe(10);

      const middle = await fetchedBy(async () =>
        revisionsOf(
          await collect(
            store.readStream('big', { direction: 'backwards', fromRevision: 50_000, maxCount: 3 }),
          ),
        ),
      );
      expect(middle).toEqual({ revisions: [50_000, 49_999, 49_998], fetched: 3 });

      const unbounded = await fetchedBy(async () => {
        for await (const event of store.readStream('big', { direction: 'backwards' })) {
          return [event.revision];
        }
        return [];
      });
      expect(unbounded.revisions).toEqual([STREAM_LENGTH - 1]);
      expect(unbounded.fetched).toBeLessThanOrEqual(1_000);
    }, 120_000);
  });
}
