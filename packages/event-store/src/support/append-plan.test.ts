import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventData, RecordedEvent, StreamAppend } from '../port';
import { normalizeAppends } from './append-input';
import { appendResults, planAppends, rowsToInsert } from './append-plan';

const event = (data: unknown = {}): EventData => ({
  eventId: randomUUID(),
  type: 'T',
  data,
  metadata: { schemaVersion: 1 },
});

/** The planner over an in-memory table: what every SQL adapter does around it. */
function memoryStore() {
  const stored: RecordedEvent[] = [];
  const append = (appends: StreamAppend[]): AppendResult[] => {
    const normalized = normalizeAppends(appends);
    const revisions = new Map(stored.map((e) => [e.streamId, e.revision]));
    const storedById = new Map(stored.map((e) => [e.eventId, e]));
    const plans = planAppends(normalized, { revisions, storedById });
    const positions = rowsToInsert(plans).map((row) => {
      const position = BigInt(stored.length + 1);
      stored.push({
        ...row,
        position,
        data: JSON.parse(row.data),
        metadata: { schemaVersion: 1 },
        recordedAt: '',
      });
      return position;
    });
    return appendResults(plans, positions);
  };
  return { stored, append };
}

describe('planAppends', () => {
  it('numbers revisions on from the stream, also for a stream named twice in one call', () => {
    const store = memoryStore();
    store.append([{ streamId: 'a', events: [event()], expected: 'no_stream' }]);
    const results = store.append([
      { streamId: 'a', events: [event(), event()], expected: 0 },
      { streamId: 'b', events: [event()], expected: 'no_stream' },
      { streamId: 'a', events: [event()], expected: 2 },
    ]);
    expect(results.map((r) => r.nextRevision)).toEqual([2, 0, 3]);
    expect(results.map((r) => r.position)).toEqual([3n, 4n, 5n]);
  });

  it('prefers a replay over an expected-revision failure, and a conflict over both', () => {
    const store = memoryStore();
    const first = [event(), event()];
    const original = store.append([{ streamId: 's', events: first, expected: 'no_stream' }]);
    expect(store.append([{ streamId: 's', events: first, expected: 7 }])).toEqual(original);
    expect(() =>
      store.append([{ streamId: 's', events: [first[1] ?? event(), event()], expected: 1 }]),
    ).toThrow(IdempotencyConflictError);
    expect(() => store.append([{ streamId: 's', events: [event()], expected: 7 }])).toThrow(
      WrongExpectedRevisionError,
    );
  });

  it('rejects the same id twice in one call and ids in another order', () => {
    const store = memoryStore();
    const [a, b] = [event(), event()];
    expect(() => store.append([{ streamId: 's', events: [a, a], expected: 'any' }])).toThrow(
      IdempotencyConflictError,
    );
    store.append([{ streamId: 's', events: [a, b], expected: 'any' }]);
    expect(() => store.append([{ streamId: 's', events: [b, a], expected: 'any' }])).toThrow(
      /not in the order/,
    );
  });

  it('keeps revisions contiguous and answers every replay with its first result (property)', () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`[support] planAppends property: seed ${seed}`);
    const step = fc.record({
      stream: fc.constantFrom('a', 'b', 'c'),
      size: fc.integer({ min: 1, max: 4 }),
      replay: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = memoryStore();
        const done: { append: StreamAppend; result: AppendResult }[] = [];
        for (const { stream, size, replay } of steps) {
          const earlier = done[replay % Math.max(done.length, 1)];
          if (earlier !== undefined && replay % 3 === 0) {
            expect(store.append([earlier.append])).toEqual([earlier.result]);
            continue;
          }
          const append = {
            streamId: stream,
            events: Array.from({ length: size }, () => event()),
            expected: 'any' as const,
          };
          done.push({ append, result: store.append([append])[0] as AppendResult });
        }
        for (const stream of ['a', 'b', 'c']) {
          const revisions = store.stored
            .filter((e) => e.streamId === stream)
            .map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});
