import { sleep } from '@rebate/trade-source';

/**
 * Groups a live async iterable into batches: at most `max` items, cut when no next item arrives
 * within `lingerMs` (so a burst goes out in a few sends, a lone item without waiting long).
 */
export async function* microBatches<T>(
  source: AsyncIterable<T>,
  max: number,
  lingerMs: number,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  for (;;) {
    const first = await (pending ?? iterator.next());
    pending = undefined;
    if (first.done) return;
    const batch = [first.value];
    while (batch.length < max) {
      pending = iterator.next();
      const next = await Promise.race([pending, sleep(lingerMs).then(() => 'idle' as const)]);
      if (next === 'idle') break; // `pending` is the next batch's first item
      pending = undefined;
      if (next.done) {
        yield batch;
        return;
      }
      batch.push(next.value);
    }
    yield batch;
  }
}
