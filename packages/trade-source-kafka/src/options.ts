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
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How often resolved offsets are committed inside a long fetched batch. */
  readonly commitIntervalMs: number;
  /** Retries of a batch whose handler failed (the store is down or slow), before giving up. */
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
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  commitIntervalMs: 1_000,
} as const;
