/**
 * What a trade source delivers, in our own types, so the transport (kafkajs today, maybe
 * `@confluentinc/kafka-javascript` tomorrow) can change without touching the service.
 */

export interface SourceHeader {
  readonly name: string;
  readonly value: Buffer;
}

/** One raw message: bytes as published, nothing decoded yet. */
export interface SourceMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are 64-bit integers: kept as decimal text, never a JS number. */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly SourceHeader[];
  /** Producer or log-append time, milliseconds since the epoch, as decimal text. */
  readonly timestamp: string;
}

/** Consecutive messages of one partition, in offset order. */
export interface SourceBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly SourceMessage[];
  /** Messages left in the partition after this batch when it was fetched, if known. */
  readonly lagAfter: number | undefined;
}

/** The id a message keeps across redeliveries: `topic/partition/offset`. */
export const messageId = (message: SourceMessage): string =>
  `${message.topic}/${message.partition}/${message.offset}`;
