import { join, resolve } from 'node:path';
import {
  type Env,
  type StoreConfig,
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

/** Settings of the payout relay and the payout-results consumer (see README, "Payouts to Kafka"). */
export const payoutsEnv = {
  KAFKA_BROKERS: setting(hostPortList, ['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: setting(kafkaName, 'rebate-payouts'),
  PAYOUTS_TOPIC: setting(kafkaName, 'rebates.payouts'),
  PAYOUT_RESULTS_TOPIC: setting(kafkaName, 'rebates.payout-results'),
  PAYOUT_RESULTS_DLQ_TOPIC: setting(kafkaName, 'rebates.payout-results.dlq'),
  PAYOUT_RESULTS_GROUP_ID: setting(kafkaName, 'rebate-payout-results'),
  /** The relay's checkpoint file (default DATA_DIR/payout-relay.checkpoint). */
  PAYOUT_RELAY_CHECKPOINT: setting(text),
  DATA_DIR: setting(text, './data'),
  PAYOUT_RELAY_BATCH_SIZE: setting(integer(1, 10_000), 500),
  KAFKA_SESSION_TIMEOUT_MS: setting(integer(6_000, 300_000), 8_000),
  KAFKA_REBALANCE_TIMEOUT_MS: setting(integer(1_000, 600_000), 10_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: setting(integer(100, 100_000), 1_000),
  METRICS_PORT: setting(port, 9465),
  METRICS_HOST: setting(text, '127.0.0.1'),
  LOG_LEVEL: setting(logLevel, 'info'),
};

export interface PayoutsConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly payoutsTopic: string;
  readonly resultsTopic: string;
  readonly resultsDeadLetterTopic: string;
  readonly resultsGroupId: string;
  readonly checkpointPath: string;
  readonly relayBatchSize: number;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly store: StoreConfig;
  readonly metrics: { readonly port: number; readonly host: string };
  readonly logLevel: string;
}

/** Reads and checks the configuration; throws ConfigError naming every bad variable. */
export const payoutsConfigFromEnv = (env: Env): PayoutsConfig => {
  const v = readEnv(payoutsEnv, env);
  return {
    brokers: v.KAFKA_BROKERS,
    clientId: v.KAFKA_CLIENT_ID,
    payoutsTopic: v.PAYOUTS_TOPIC,
    resultsTopic: v.PAYOUT_RESULTS_TOPIC,
    resultsDeadLetterTopic: v.PAYOUT_RESULTS_DLQ_TOPIC,
    resultsGroupId: v.PAYOUT_RESULTS_GROUP_ID,
    checkpointPath:
      v.PAYOUT_RELAY_CHECKPOINT ?? join(resolve(v.DATA_DIR), 'payout-relay.checkpoint'),
    relayBatchSize: v.PAYOUT_RELAY_BATCH_SIZE,
    sessionTimeoutMs: v.KAFKA_SESSION_TIMEOUT_MS,
    rebalanceTimeoutMs: v.KAFKA_REBALANCE_TIMEOUT_MS,
    heartbeatIntervalMs: Math.min(v.KAFKA_HEARTBEAT_INTERVAL_MS, v.KAFKA_SESSION_TIMEOUT_MS / 3),
    store: storeConfigFromEnv(env),
    metrics: { port: v.METRICS_PORT, host: v.METRICS_HOST },
    logLevel: v.LOG_LEVEL,
  };
};
