import {
  type Env,
  type StoreConfig,
  boolean,
  hostPortList,
  integer,
  kafkaName,
  logLevel,
  port,
  readEnv,
  setting,
  storeConfigFromEnv,
  text,
} from '@rebate/runtime';
import type { BackoffPolicy } from '@rebate/trade-source';

/** Every setting of the ingestion service, from environment variables (see README). */
export const ingestionEnv = {
  KAFKA_BROKERS: setting(hostPortList, ['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: setting(kafkaName, 'rebate-ingestion'),
  KAFKA_TOPIC: setting(kafkaName, 'trades.closed'),
  KAFKA_DLQ_TOPIC: setting(kafkaName, 'trades.closed.dlq'),
  KAFKA_GROUP_ID: setting(kafkaName, 'rebate-ingestion'),
  /** Most trades decided and appended in one `executeTrades` call. */
  KAFKA_BATCH_SIZE: setting(integer(1, 50_000), 1000),
  KAFKA_MAX_BYTES_PER_PARTITION: setting(integer(1024, 100 * 1024 * 1024), 1024 * 1024),
  KAFKA_PARTITIONS_CONCURRENTLY: setting(integer(1, 64), 1),
  KAFKA_FROM_BEGINNING: setting(boolean, true),
  KAFKA_SESSION_TIMEOUT_MS: setting(integer(6_000, 300_000), 30_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: setting(integer(100, 100_000), 3_000),
  KAFKA_COMMIT_INTERVAL_MS: setting(integer(0, 60_000), 1_000),
  /** A batch whose store append keeps failing is retried this many times, then the process exits 1. */
  HANDLER_MAX_ATTEMPTS: setting(integer(1, 1_000), 10),
  HANDLER_RETRY_INITIAL_MS: setting(integer(1, 60_000), 200),
  HANDLER_RETRY_MAX_MS: setting(integer(1, 600_000), 5_000),
  METRICS_PORT: setting(port, 9464),
  /** Loopback by default: metrics are not for the world; set 0.0.0.0 in a container. */
  METRICS_HOST: setting(text, '127.0.0.1'),
  LOG_LEVEL: setting(logLevel, 'info'),
  /** Longest a SIGTERM stop may take before the process exits 1 anyway. */
  SHUTDOWN_TIMEOUT_MS: setting(integer(100, 600_000), 20_000),
};

export interface IngestionConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topic: string;
    readonly deadLetterTopic: string;
    readonly groupId: string;
    readonly maxBatchSize: number;
    readonly maxBytesPerPartition: number;
    readonly partitionsConcurrently: number;
    readonly fromBeginning: boolean;
    readonly sessionTimeoutMs: number;
    readonly heartbeatIntervalMs: number;
    readonly commitIntervalMs: number;
  };
  readonly handlerBackoff: BackoffPolicy;
  readonly store: StoreConfig;
  readonly metrics: { readonly port: number; readonly host: string };
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
}

/** Reads and checks the configuration; throws ConfigError naming every bad variable. */
export const ingestionConfigFromEnv = (env: Env): IngestionConfig => {
  const v = readEnv(ingestionEnv, env);
  return {
    kafka: {
      brokers: v.KAFKA_BROKERS,
      clientId: v.KAFKA_CLIENT_ID,
      topic: v.KAFKA_TOPIC,
      deadLetterTopic: v.KAFKA_DLQ_TOPIC,
      groupId: v.KAFKA_GROUP_ID,
      maxBatchSize: v.KAFKA_BATCH_SIZE,
      maxBytesPerPartition: v.KAFKA_MAX_BYTES_PER_PARTITION,
      partitionsConcurrently: v.KAFKA_PARTITIONS_CONCURRENTLY,
      fromBeginning: v.KAFKA_FROM_BEGINNING,
      sessionTimeoutMs: v.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(v.KAFKA_HEARTBEAT_INTERVAL_MS, v.KAFKA_SESSION_TIMEOUT_MS / 3),
      commitIntervalMs: v.KAFKA_COMMIT_INTERVAL_MS,
    },
    handlerBackoff: {
      maxAttempts: v.HANDLER_MAX_ATTEMPTS,
      initialMs: v.HANDLER_RETRY_INITIAL_MS,
      maxMs: v.HANDLER_RETRY_MAX_MS,
    },
    store: storeConfigFromEnv(env),
    metrics: { port: v.METRICS_PORT, host: v.METRICS_HOST },
    logLevel: v.LOG_LEVEL,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
  };
};
