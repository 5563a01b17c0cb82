import type { BackoffPolicy } from '@rebate/trade-source';

/** The few log methods the adapter uses; a pino logger fits. */
export interface AdapterLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface KafkaSourceOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topic: string;
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** Most messages handed to the handler at once (a fetched batch is cut into such chunks). */
  readonly maxBatchSize: number;
  /** Partitions processed at the same time (never two batches of one partition). */
  readonly partitionsConcurrently: number;
  /** A new group starts at the earliest offset (a ledger must not skip old trades). */
  readonly fromBeginning: boolean;
  readonly maxBytesPerPartition: number;
  /** Longest an idle fetch waits on the broker; also bounds how long a stop waits for it. */
  readonly maxWaitTimeMs?: number;
  /**
   * How long the group coordinator waits for a silent member (a `kill -9`ed consumer) before
   * it gives its partitions to the others: the bulk of the recovery time. Shorter recovers
   * sooner; too short evicts a healthy member that paused (GC, a blocked event loop), which
   * costs a rebalance and redeliveries (harmless here: the effects are idempotent).
   * The broker accepts 6 s to 300 s by default (group.min/max.session.timeout.ms).
   */
  readonly sessionTimeoutMs: number;
  /**
   * How long a rebalance waits for every member to rejoin. A member rejoins only after the
   * batch in flight, so this bounds a rebalance by the slowest batch: keep it above the time
   * one batch takes to store (a member that misses it is dropped and rejoins later).
   */
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How often resolved offsets are committed inside a long fetched batch. */
  readonly commitIntervalMs: number;
  /**
   * Retries of a batch whose handler failed; then the store is probed: an outage is waited out,
   * a message refused while the store answers is isolated and dead-lettered (`store-failed`).
   */
  readonly handlerBackoff: BackoffPolicy;
  readonly logger: AdapterLogger;
}

export const defaultKafkaSourceOptions = {
  topic: 'trades.closed',
  deadLetterTopic: 'trades.closed.dlq',
  maxBatchSize: 1000,
  partitionsConcurrently: 1,
  fromBeginning: true,
  maxBytesPerPartition: 1024 * 1024,
  maxWaitTimeMs: 1000,
  // Recovery after a kill -9: about the session timeout plus one rejoin (~8-10 s).
  sessionTimeoutMs: 8_000,
  rebalanceTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
  commitIntervalMs: 1_000,
} as const;
