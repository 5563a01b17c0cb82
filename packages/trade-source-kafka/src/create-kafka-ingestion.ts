import type { Kafka } from 'kafkajs';
import { KafkaDeadLetterSink } from './dead-letter-producer';
import { createKafkaClient } from './kafka-client';
import { type KafkaSourceHooks, KafkaTradeSource } from './kafka-trade-source';
import type { KafkaSourceOptions } from './options';

export interface KafkaIngestion {
  readonly kafka: Kafka;
  readonly source: KafkaTradeSource;
  readonly deadLetters: KafkaDeadLetterSink;
}

/** One Kafka client shared by the consumer group and the dead-letter producer. */
export const createKafkaIngestion = (
  options: KafkaSourceOptions,
  hooks: KafkaSourceHooks = {},
): KafkaIngestion => {
  const kafka = createKafkaClient(options);
  const deadLetters = new KafkaDeadLetterSink(kafka, options.deadLetterTopic);
  return { kafka, deadLetters, source: new KafkaTradeSource(kafka, deadLetters, options, hooks) };
};
