/**
 * The event-store port. Every adapter (SQLite, PostgreSQL, EventStoreDB) implements exactly this
 * and passes the contract suite in `./contract`.
 *
 * Conventions fixed here, converted inside each adapter:
 * - Stream revisions count from 0: the first event of a stream has revision 0. A stream that
 *   does not exist has no revision; appending to it expects `'no_stream'`.
 * - Global positions are bigint, strictly increasing in commit order, never reused. They are
 *   opaque: compare them, checkpoint them, never do arithmetic on them.
 * - Event data and metadata are plain JSON values; money in them is a decimal string.
 */

import type { EventChain } from './chain/types';

export type StreamId = string;

/** What the writer believes about the stream before its append. */
export type ExpectedRevision =
  | 'no_stream' // the stream must not exist
  | 'stream_exists' // any revision, but the stream must exist
  | 'any' // no check
  | number; // the revision of the last event the writer has seen

export interface EventMetadata {
  /** Ties together every event caused by one external request or message. */
  readonly correlationId?: string;
  /** The id of the command, message or event that directly caused this one. */
  readonly causationId?: string;
  /** Version of the event's payload schema, for upcasting. */
  readonly schemaVersion: number;
  /** Anything else an adapter or caller wants to carry (JSON only). */
  readonly [key: string]: unknown;
}

/** An event to append. `eventId` is a UUID; appending the same id again is a no-op. */
export interface EventData {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored. `recordedAt` is set by the store at append time (ISO-8601 UTC). */
export interface RecordedEvent {
  readonly streamId: StreamId;
  readonly revision: number;
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** Global position of the last event of this append. */
  readonly position: bigint;
}

export interface StreamAppend {
  readonly streamId: StreamId;
  readonly events: readonly EventData[];
  readonly expected: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /**
   * Inclusive revision to start from. Defaults to the first event when reading forwards and the
   * last event when reading backwards.
   */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose stream id starts with one of these. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events of these types. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: read events whose position is greater than this (a checkpoint). */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events whose position is greater than this. */
  readonly after?: bigint;
  readonly filter?: EventFilter;
  /** Stops the subscription; the iterator then finishes normally. */
  readonly signal?: AbortSignal;
}

export interface EventStore {
  /** Appends atomically to one stream, checking the expected revision. */
  append(
    streamId: StreamId,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;

  /**
   * Appends to many streams, each with its own expected revision. PostgreSQL and SQLite do it
   * in one transaction: all or nothing. EventStoreDB cannot: it appends stream by stream, each
   * append atomic and idempotent, so retrying a failed call completes it without doubling.
   * Results are in the order of `appends`.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;

  /** Reads one stream. A stream that does not exist reads as empty. */
  readStream(streamId: StreamId, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /**
   * Reads many short streams at once (a Kafka batch's trade streams). Optional: adapters that can
   * do it in one round trip implement it; `readStreams` in `./support` falls back to one
   * `readStream` per stream.
   */
  readStreams?(
    streamIds: readonly StreamId[],
  ): Promise<ReadonlyMap<StreamId, readonly RecordedEvent[]>>;

  /** Reads every stream in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Catch-up-then-live subscription to all events, in global order, each exactly once, none
   * skipped. Consumed with `for await`, so a slow consumer slows the subscription down.
   */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;

  /** Position of the last event in the store, or undefined when it is empty. */
  headPosition(): Promise<bigint | undefined>;
  /**
   * The stored chain hashes, for `verifyChain` (tamper evidence). Every adapter of this
   * repository has one and the contract suite checks it; optional so that a test double need not.
   */
  readonly chain?: EventChain;

  close(): Promise<void>;
}
