import {
  type IHeaders,
  type Kafka,
  KafkaJSError,
  Partitioners,
  type Producer,
  type RecordMetadata,
} from 'kafkajs';
import { sleep } from '@rebate/trade-source';
import { PartitionReader } from './partition-reader';

/** A message to write, with the identity a reader finds it by in its headers. */
export interface IdentifiedMessage {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: IHeaders;
  readonly identity: string;
}

/** kafkajs resolved `send()`, but reading the log back did not find every message. */
export class DeliveryNotVerifiedError extends KafkaJSError {
  override readonly name: string = 'DeliveryNotVerifiedError';
  constructor(
    readonly topic: string,
    readonly missing: readonly string[],
  ) {
    super(
      `${missing.length} message(s) acknowledged by the broker are not in ${topic}: ${missing
        .slice(0, 5)
        .join(', ')}`,
      { retriable: true },
    );
  }
}

export interface VerifiedProducerOptions {
  /** Read the log back after each send and send again what is missing (default true). */
  readonly verify?: boolean;
  /** Sends (the first one included) before `send` fails with DeliveryNotVerifiedError. */
  readonly maxSends?: number;
  /** Read-backs of one send while its records are not yet visible (a new leader's watermark). */
  readonly readBackAttempts?: number;
}

/**
 * An idempotent, acks=all producer whose `send` resolves only once every message has been read
 * back, by its identity, at the offsets the broker reported, from the partition's current leader
 * (committed records only). kafkajs was seen to resolve `send()` with the offset of a deposed
 * leader whose copy was later truncated (tulios/kafkajs#1798, unreleased): an acknowledgement
 * alone is not trusted where losing a message loses money. What is missing is sent again, so
 * delivery is at least once: readers deduplicate by the identity.
 */
export class VerifiedProducer {
  private readonly producer: Producer;
  private readonly reader: PartitionReader;
  private connected: Promise<void> | undefined;
  private readonly verify: boolean;
  private readonly maxSends: number;
  private readonly readBackAttempts: number;
  /** Messages found missing after an acknowledged send, and sent again. */
  resent = 0;

  constructor(
    kafka: Kafka,
    private readonly identityOf: (headers: IHeaders) => string,
    options: VerifiedProducerOptions = {},
  ) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      idempotent: true,
      maxInFlightRequests: 1,
      // Murmur2, as the Java clients: a key lands where other tools expect it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.reader = new PartitionReader(kafka);
    this.verify = options.verify ?? true;
    this.maxSends = options.maxSends ?? 5;
    this.readBackAttempts = options.readBackAttempts ?? 5;
  }

  async send(topic: string, messages: readonly IdentifiedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    let pending = messages;
    for (let send = 1; ; send += 1) {
      const written = await this.producer.send({
        topic,
        acks: -1,
        messages: pending.map(({ key, value, headers }) => ({ key, value, headers })),
      });
      if (!this.verify) return;
      pending = await this.missingAfterReadBack(topic, pending, written);
      if (pending.length === 0) return;
      this.resent += pending.length;
      if (send >= this.maxSends) {
        throw new DeliveryNotVerifiedError(
          topic,
          pending.map((m) => m.identity),
        );
      }
    }
  }

  /**
   * The messages not found in the log at the offsets the broker reported. Only the reported
   * ranges are read: one send writes each partition's messages as one contiguous batch.
   */
  private async missingAfterReadBack(
    topic: string,
    messages: readonly IdentifiedMessage[],
    written: readonly RecordMetadata[],
  ): Promise<readonly IdentifiedMessage[]> {
    let missing = messages;
    for (let attempt = 1; ; attempt += 1) {
      const found = new Set<string>();
      for (const { partition, baseOffset } of written) {
        if (baseOffset === undefined) continue;
        const records = await this.reader.read(topic, partition, baseOffset, messages.length);
        for (const record of records) found.add(this.identityOf(record.headers));
      }
      missing = missing.filter((m) => !found.has(m.identity));
      if (missing.length === 0 || attempt >= this.readBackAttempts) return missing;
      await sleep(100 * attempt);
    }
  }

  /** The underlying producer (tests replace its `send` to reproduce a lost write). */
  get raw(): Producer {
    return this.producer;
  }

  async close(): Promise<void> {
    await this.reader.close();
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
