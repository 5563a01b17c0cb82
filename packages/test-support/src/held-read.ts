import type { EventStore, ReadStreamOptions, RecordedEvent } from '@rebate/event-store';

/** A promise and the function that resolves it. */
export const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * The real store, with the first read of one stream held once armed: that read takes its events
 * at once (as a query would), then answers only when released (a slow database, simulated), so a
 * race against it interleaves the same way on every run. Reads of the stream are counted.
 */
export const withHeldStreamRead = (
  store: EventStore,
  streamId: string,
  options: { readonly armed?: boolean; readonly failHeldRead?: boolean } = {},
) => {
  let armed = options.armed ?? true;
  let reads = 0;
  const taken = deferred();
  const release = deferred();
  const readStream = (id: string, readOptions?: ReadStreamOptions) => {
    const inner = store.readStream(id, readOptions);
    if (id !== streamId) return inner;
    reads += 1;
    if (!armed) return inner;
    armed = false;
    return (async function* (): AsyncIterable<RecordedEvent> {
      const events: RecordedEvent[] = [];
      for await (const event of inner) events.push(event);
      taken.resolve();
      await release.promise;
      if (options.failHeldRead === true) throw new Error('connection lost');
      yield* events;
    })();
  };
  const held = new Proxy(store, {
    get: (target, property) => {
      if (property === 'readStream') return readStream;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    store: held,
    arm: () => {
      armed = true;
    },
    /** Resolves once the held read has taken its events. */
    taken: taken.promise,
    release: release.resolve,
    reads: () => reads,
  };
};
