import { Kafka, logLevel as KafkaLogLevel, type LogEntry, type RetryOptions } from 'kafkajs';
import type { AdapterLogger } from './options';

/**
 * kafkajs's own retries of broker requests. Explicit, because kafkajs silently switches to
 * much shorter test defaults when NODE_ENV=test (which a child of jest inherits).
 */
export const brokerRetry: RetryOptions = {
  initialRetryTime: 300,
  maxRetryTime: 10_000,
  retries: 8,
  factor: 0.2,
  multiplier: 2,
};

const levelName = (level: KafkaLogLevel): keyof AdapterLogger => {
  switch (level) {
    case KafkaLogLevel.ERROR:
    case KafkaLogLevel.NOTHING:
      return 'error';
    case KafkaLogLevel.WARN:
      return 'warn';
    case KafkaLogLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
};

/** kafkajs logs through our logger, as structured fields, never to the console. */
const bridgeLogs =
  (logger: AdapterLogger) =>
  () =>
  ({ namespace, level, log }: LogEntry): void => {
    const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
    logger[levelName(level)]({ kafkajs: namespace, ...fields }, message);
  };

export const createKafkaClient = (options: {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: AdapterLogger;
}): Kafka =>
  new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId,
    retry: brokerRetry,
    // Info and above: a broker going away is worth a line; request-level chatter is not.
    logLevel: KafkaLogLevel.INFO,
    logCreator: bridgeLogs(options.logger),
  });
