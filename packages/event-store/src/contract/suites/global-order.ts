import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../port';
import { chunk } from '../../support/batching';
import type { ContractHarness } from '../harness';
import { collect, idsOf, newEvents, useFreshStore } from '../fixtures';
import { seededRandom, type SeededRandom } from '../seeded-random';

const TOTAL = 10_000;
const PREFILLED = 2_000;
const WRITERS = 8;
const STALL_LIMIT_MS = 40_000;

export function describeGlobalOrder(harness: ContractHarness): void {
  describe('global order', () => {
    const current = useFreshStore(harness);

    it(
      `delivers ${TOTAL} events from ${WRITERS} concurrent writers to a catching-up subscriber ` +
        'exactly once, in the order readAll returns',
      async () => {
        const random = seededRandom('global order');
        const { store } = current();
        for (const [index, events] of chunk(newEvents(PREFILLED, 'Prefilled'), 500).entries()) {
          await store.append(`prefill-${index}`, events, 'no_stream');
        }

        const stop = new AbortController();
        const received: RecordedEvent[] = [];
        const subscriber = (async () => {
          for await (const event of store.subscribeToAll({ signal: stop.signal })) {
            received.push(event);
            if (received.length === TOTAL) break;
          }
        })();
        const perWriter = (TOTAL - PREFILLED) / WRITERS;
        const writers = Array.from({ length: WRITERS }, (_, writer) =>
          writeEvents(store.append.bind(store), writer, perWriter, random),
        );
        await Promise.all(writers);
        const watchdog = setTimeout(() => stop.abort(), STALL_LIMIT_MS);
        await subscriber;
        clearTimeout(watchdog);

        const all = await collect(store.readAll());
        expect(all).toHaveLength(TOTAL);
        expect(received).toHaveLength(TOTAL);
        expect(new Set(idsOf(received)).size).toBe(TOTAL);
        expect(received.map((e) => e.position)).toEqual(all.map((e) => e.position));
        expect(idsOf(received)).toEqual(idsOf(all));
      },
      120_000,
    );
  });
}

type Append = (
  streamId: string,
  events: ReturnType<typeof newEvents>,
  expected: number | 'no_stream',
) => Promise<{ nextRevision: number }>;

/** One writer: small appends to its own streams, each with the exact expected revision. */
async function writeEvents(
  append: Append,
  writer: number,
  count: number,
  random: SeededRandom,
): Promise<void> {
  const revisions = new Map<string, number>();
  for (let written = 0; written < count;) {
    const size = Math.min(random.int(1, 15), count - written);
    const streamId = `writer-${writer}-stream-${random.int(0, 9)}`;
    const result = await append(
      streamId,
      newEvents(size, 'Written'),
      revisions.get(streamId) ?? 'no_stream',
    );
    revisions.set(streamId, result.nextRevision);
    written += size;
  }
}
