import type { BatchHandler } from './disposition';
import type { StoreProbe } from './settle-resilient';

/** Why a source stopped on its own and will not go on: the process should exit non-zero. */
export interface SourceFailure {
  readonly error: Error;
}

export interface StartOptions {
  readonly probe?: StoreProbe;
}

/**
 * A partitioned, replayable source of trade messages with committed positions (a Kafka consumer
 * group). Guarantees: one partition's batches reach the handler one at a time, in offset order;
 * a position is committed only after the handler returned for it and its dead letters were
 * published; after a crash, delivery resumes at the first uncommitted message (so the handler
 * sees some messages again).
 */
export interface TradeSource {
  /**
   * Joins and starts delivering batches; resolves once consuming has started. With a store
   * probe, a message the store keeps refusing while it answers the probe is dead-lettered
   * (`store-failed`) instead of stalling its partition; see `settleResiliently`.
   */
  start(handler: BatchHandler, options?: StartOptions): Promise<void>;
  /**
   * Stops fetching, lets the batch in flight finish (its positions are committed), leaves the
   * group and disconnects. Safe to call more than once.
   */
  stop(): Promise<void>;
  /**
   * Settles when the source is over: with undefined after `stop()`, or with the failure that
   * ended it when it cannot recover by itself.
   */
  readonly finished: Promise<SourceFailure | undefined>;
  /** True while the source is a member of its group and consuming. */
  isConsuming(): boolean;
}
