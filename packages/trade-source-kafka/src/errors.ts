import { KafkaJSError } from 'kafkajs';

/** Broker-side trouble (also from the dead-letter producer): kafkajs's own recovery handles it. */
export const isKafkaError = (error: unknown): boolean => error instanceof KafkaJSError;
