import { describe, expect, it } from '@jest/globals';
import type { EventStore, RecordedEvent, StreamAppend } from '../../port';
import { ChildStore } from '../child-store';
import type { ContractHarness, ContractStore } from '../harness';
import { collect, newEvent, revisionsOf, useFreshStore } from '../fixtures';
import { seededRandom, type SeededRandom } from '../seeded-random';

const KILLS = 4;
const CALLS_PER_WRITER = 20;
const STREAMS = ['crash-0', 'crash-1', 'crash-2', 'crash-3'];

export function describeCrashSafety(harness: ContractHarness): void {
  describe('crash safety', () => {
    const current = useFreshStore(harness);

    it('keeps every batch of a SIGKILLed writer either fully stored or absent', async () => {
      const random = seededRandom('crash safety');
      const target = current();
      for (let kill = 0; kill < KILLS; kill += 1) {
        const firstBatch = kill * CALLS_PER_WRITER;
        const revisions = await lastRevisions(target.store);
        const calls = batchCalls(random, harness.atomicAppendMany, revisions, firstBatch);
        const acknowledged = await runAndKill(harness, target, calls, random);

        const batches = countByBatch(await collect(target.store.readAll()));
        for (const { stored, size } of batches.values()) expect(stored).toBe(size);
        const written = [...batches.keys()].filter((id) => id >= firstBatch).sort((a, b) => a - b);
        expect(written).toEqual(written.map((_, index) => firstBatch + index));
        expect(written.length).toBeGreaterThanOrEqual(acknowledged);
      }

      for (const streamId of STREAMS) {
        const revisions = revisionsOf(await collect(target.store.readStream(streamId)));
        expect(revisions).toEqual(revisions.map((_, index) => index));
        const expected = revisions.length === 0 ? 'no_stream' : revisions.length - 1;
        const next = await target.store.append(streamId, [newEvent('AfterCrash')], expected);
        expect(next.nextRevision).toBe(revisions.length);
      }
    }, 90_000);
  });
}

/** Runs the calls in a child and SIGKILLs it a few ms after a random acknowledged call. */
async function runAndKill(
  harness: ContractHarness,
  target: ContractStore,
  calls: StreamAppend[][],
  random: SeededRandom,
): Promise<number> {
  const killAfter = random.int(3, 15);
  const killDelayMs = random.int(0, 3);
  const child = await ChildStore.start(harness.childEntry, target.childConfig);
  let acknowledged = 0;
  const run = child.appendSequence(calls, (done) => {
    acknowledged = done;
    if (done === killAfter) setTimeout(() => void child.kill(), killDelayMs);
  });
  const outcome = await run;
  expect(outcome.ok ? 'finished' : outcome.error.name).toBe('ChildExited');
  await child.kill();
  return acknowledged;
}

async function lastRevisions(store: EventStore): Promise<Map<string, number>> {
  const revisions = new Map<string, number>();
  for (const streamId of STREAMS) {
    const [last] = await collect(
      store.readStream(streamId, { direction: 'backwards', maxCount: 1 }),
    );
    if (last !== undefined) revisions.set(streamId, last.revision);
  }
  return revisions;
}

/**
 * Batches of 20..400 events, each event tagged with its batch id and size. On stores with an
 * atomic appendMany a batch spans two streams, so cross-stream atomicity is checked too.
 */
function batchCalls(
  random: SeededRandom,
  acrossStreams: boolean,
  revisions: Map<string, number>,
  firstBatch: number,
): StreamAppend[][] {
  const calls: StreamAppend[][] = [];
  for (let batchId = firstBatch; batchId < firstBatch + CALLS_PER_WRITER; batchId += 1) {
    const size = random.int(20, 400);
    const events = Array.from({ length: size }, (_, index) =>
      newEvent('Batched', { index }, { batchId, batchSize: size }),
    );
    const firstIndex = random.int(0, STREAMS.length - 1);
    const first = STREAMS[firstIndex] ?? 'crash-0';
    const second = STREAMS[(firstIndex + random.int(1, STREAMS.length - 1)) % STREAMS.length];
    const parts = acrossStreams
      ? [
          { streamId: first, events: events.slice(0, size / 2) },
          { streamId: second ?? 'crash-1', events: events.slice(size / 2) },
        ]
      : [{ streamId: first, events }];
    calls.push(
      parts.map(({ streamId, events: part }) => {
        const last = revisions.get(streamId);
        revisions.set(streamId, (last ?? -1) + part.length);
        return { streamId, events: part, expected: last ?? 'no_stream' };
      }),
    );
  }
  return calls;
}

function countByBatch(
  events: readonly RecordedEvent[],
): Map<number, { stored: number; size: number }> {
  const batches = new Map<number, { stored: number; size: number }>();
  for (const { metadata } of events) {
    const batchId = Number(metadata['batchId']);
    const size = Number(metadata['batchSize']);
    const seen = batches.get(batchId) ?? { stored: 0, size };
    batches.set(batchId, { stored: seen.stored + 1, size });
  }
  return batches;
}
