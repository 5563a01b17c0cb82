import { EventStoreDBClient } from '@eventstore/db-client';
import type {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamId,
  SubscribeOptions,
} from '@rebate/event-store';
import { append, appendMany } from './append';
import type { RetryPolicy } from './backoff';
import { esdbEventChain } from './chain';
import type { EsdbClient, EsdbContext } from './client';
import { headPosition, readAllEvents, readStreamEvents } from './reads';
import { StreamScope } from './scope';
import { subscribeToAllEvents, type SubscriptionSettings } from './subscription';

export interface EsdbStoreOptions {
  /**
   * Prefix put on every stream id on the server. Reads and subscriptions of `$all` only see
   * streams under it. Gives each test run (or tenant) its own store on one shared server.
   */
  readonly namespace?: string;
  /**
   * `$all` position at or before which this store has no events: reads, subscriptions and
   * `headPosition` never look further back. A fresh namespace on a server with history (a test
   * run) sets it to the server's head when it is made, instead of scanning all that history.
   */
  readonly allStartsAfter?: bigint;
  /** Events per read request (reads are always paged). Default 500, at least 2. */
  readonly readPageSize?: number;
  /** How a dropped subscription is retried. */
  readonly subscriptionRetry?: RetryPolicy;
  /** Told about every subscription drop before it resubscribes, e.g. to log it. */
  readonly onSubscriptionDrop?: SubscriptionSettings['onDrop'];
  /**
   * Seal the chain (see seals.ts) every this many milliseconds while the store is open. Off when
   * unset: a service sets it; short-lived tools (an audit) do not. Several processes sealing the
   * same store is fine: a race leaves one seal.
   */
  readonly sealIntervalMs?: number;
  /** Told when a periodic seal fails (the next interval tries again), e.g. to log it. */
  readonly onSealError?: (error: unknown) => void;
}

export interface EsdbEventStoreConfig extends EsdbStoreOptions {
  /** For example `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
}

/** The EventStoreDB adapter of the event-store port. The client connects on first use. */
export function createEsdbEventStore(config: EsdbEventStoreConfig): EventStore {
  const client = EventStoreDBClient.connectionString(config.connectionString);
  return build(client, config, true);
}

/** The adapter over a client the caller made (or a test double); `close()` leaves it open. */
export function createEsdbEventStoreFromClient(
  client: EsdbClient,
  options: EsdbStoreOptions = {},
): EventStore {
  return build(client, options, false);
}

function build(client: EsdbClient, options: EsdbStoreOptions, ownsClient: boolean): EventStore {
  const pageSize = options.readPageSize ?? 500;
  if (!Number.isSafeInteger(pageSize) || pageSize < 2) {
    // Forward pages restart at the last event seen, which comes back first: 1 would never advance.
    throw new RangeError(`readPageSize must be an integer of at least 2, got ${String(pageSize)}`);
  }
  const scope = new StreamScope(options.namespace);
  const ctx: EsdbContext = { client, scope, pageSize, floor: options.allStartsAfter };
  const settings: SubscriptionSettings = {
    retry: options.subscriptionRetry,
    onDrop: options.onSubscriptionDrop,
  };
  const closing = new AbortController(); // ends every live subscription on close()
  const chain = esdbEventChain(ctx);
  const sealer = startSealing(chain.seal, options);

  function open(): void {
    if (closing.signal.aborted) throw new Error('the EventStoreDB event store is closed');
  }

  async function* guarded<T>(source: () => AsyncGenerator<T>): AsyncGenerator<T> {
    open();
    yield* source();
  }

  return {
    async append(
      streamId: StreamId,
      events: readonly EventData[],
      expected: ExpectedRevision,
    ): Promise<AppendResult> {
      open();
      return append(ctx, streamId, events, expected);
    },
    async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
      open();
      return appendMany(ctx, appends);
    },
    readStream(streamId: StreamId, readOptions?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
      return guarded(() => readStreamEvents(ctx, streamId, readOptions));
    },
    readAll(readOptions?: ReadAllOptions): AsyncIterable<RecordedEvent> {
      return guarded(() => readAllEvents(ctx, readOptions));
    },
    subscribeToAll(subscribeOptions: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
      const signal = subscribeOptions.signal
        ? AbortSignal.any([subscribeOptions.signal, closing.signal])
        : closing.signal;
      return guarded(() => subscribeToAllEvents(ctx, { ...subscribeOptions, signal }, settings));
    },
    async headPosition(): Promise<bigint | undefined> {
      open();
      return headPosition(ctx);
    },
    chain,
    async close(): Promise<void> {
      if (closing.signal.aborted) return;
      closing.abort();
      await sealer.stop();
      if (ownsClient) await client.dispose();
    },
  };
}

/** The periodic sealer: one seal at a time, never keeping the process alive on its own. */
function startSealing(
  seal: (() => Promise<unknown>) | undefined,
  options: EsdbStoreOptions,
): { stop(): Promise<void> } {
  const every = options.sealIntervalMs;
  if (seal === undefined || every === undefined) return { stop: async () => undefined };
  if (!Number.isSafeInteger(every) || every <= 0) {
    throw new RangeError(`sealIntervalMs must be a positive integer, got ${String(every)}`);
  }
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return; // a slow seal is not queued behind; the next tick retries
    running = seal()
      .catch((error: unknown) => options.onSealError?.(error))
      .finally(() => {
        running = undefined;
      });
  }, every);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
