/**
 * Groups a subscription's events into batches of up to `maxSize`, never waiting to fill one: a
 * batch ends when the next event is not already available (the subscription would have to go
 * to the database or sleep for it). Catching up gives full batches; live traffic gives small
 * ones at once.
 */

const NOT_YET = Symbol('not yet');

/** Resolves after the current turn's promise jobs: anything already at hand arrives first. */
const afterThisTurn = () =>
  new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)));

export async function* inBatches<T>(
  source: AsyncIterable<T>,
  maxSize: number,
): AsyncGenerator<T[], void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  const pull = (): Promise<IteratorResult<T>> => {
    const next = iterator.next();
    next.catch(() => undefined); // awaited later, or abandoned when the caller stops
    return next;
  };
  try {
    for (;;) {
      const first = await (pending ?? pull());
      pending = undefined;
      if (first.done === true) return;
      const batch = [first.value];
      let finished = false;
      while (batch.length < maxSize) {
        pending = pull();
        const next = await Promise.race([pending, afterThisTurn()]);
        if (next === NOT_YET) break;
        pending = undefined;
        if (next.done === true) {
          finished = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
      if (finished) return;
    }
  } finally {
    // A read still in flight would hold `return` up until it settles (the subscription may be
    // asleep until its next poll): then close in the background; the caller aborts it anyway.
    const closing = iterator.return?.();
    if (pending === undefined) await closing;
    else closing?.catch(() => undefined);
  }
}
