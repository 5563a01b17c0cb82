import {
  type IHeaders,
  type Kafka,
  KafkaJSError,
  Partitioners,
  type Producer,
  type RecordMetadata,
} from 'kafkajs';
import {
  DEAD_LETTER_HEADERS,
  type DeadLetter,
  type DeadLetterSink,
  sleep,
} from '@rebate/trade-source';
import { PartitionReader } from './partition-reader';

/** The message's own headers (repeated names kept) plus ours. */
const headersOf = (letter: DeadLetter): IHeaders => {
  const headers: Record<string, Buffer[]> = {};
  for (const { name, value } of letter.message.headers) (headers[name] ??= []).push(value);
  const ours: Record<string, string> = {
    [DEAD_LETTER_HEADERS.reason]: letter.reason,
    [DEAD_LETTER_HEADERS.code]: letter.code,
    [DEAD_LETTER_HEADERS.sourceTopic]: letter.message.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(letter.message.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: letter.message.offset,
  };
  return {
    ...Object.fromEntries(
      Object.entries(headers).map(([name, values]) => [
        name,
        values.length === 1 ? values[0] : values,
      ]),
    ),
    ...ours,
  };
};

const identity = (topic: unknown, partition: unknown, offset: unknown): string =>
  `${String(topic)}/${String(partition)}/${String(offset)}`;

const letterIdentity = (letter: DeadLetter): string =>
  identity(letter.message.topic, letter.message.partition, letter.message.offset);

const recordIdentity = (headers: IHeaders): string =>
  identity(
    headers[DEAD_LETTER_HEADERS.sourceTopic],
    headers[DEAD_LETTER_HEADERS.sourcePartition],
    headers[DEAD_LETTER_HEADERS.sourceOffset],
  );

/** kafkajs resolved `send()`, but reading the log back did not find every letter. */
export class DeadLettersNotVerifiedError extends KafkaJSError {
  override readonly name = 'DeadLettersNotVerifiedError';
  constructor(
    readonly topic: string,
    readonly missing: readonly string[],
  ) {
    super(
      `${missing.length} dead letter(s) acknowledged by the broker are not in ${topic}: ${missing
        .slice(0, 5)
        .join(', ')}`,
      { retriable: true },
    );
  }
}

export interface DeadLetterSinkOptions {
  /** Read the log back after each send and publish again what is missing (default true). */
  readonly verify?: boolean;
  /** Sends (the first one included) before the sink gives up and the batch is retried. */
  readonly maxSends?: number;
  /** Read-backs of one send while its records are not yet visible (a new leader's watermark). */
  readonly readBackAttempts?: number;
}

/**
 * Publishes refused messages to the dead-letter topic with their ORIGINAL key and value bytes
 * (so the same partitioning and a byte-exact replay are possible), with an idempotent producer,
 * acknowledged by every in-sync replica. kafkajs was seen to resolve `send()` with the offset of
 * a deposed leader whose copy was later truncated (tulios/kafkajs#1798), so an acknowledgement
 * is not taken on trust: the sink reads the written offsets back from the partition's current
 * leader and finds each letter there (by its source coordinates) before `publish` resolves.
 * What is missing is sent again; readers deduplicate by the source coordinates anyway.
 */
export class KafkaDeadLetterSink implements DeadLetterSink {
  private readonly producer: Producer;
  private readonly reader: PartitionReader;
  private connected: Promise<void> | undefined;
  private readonly verify: boolean;
  private readonly maxSends: number;
  private readonly readBackAttempts: number;
  /** Letters found missing after an acknowledged send, and sent again (for tests and logs). */
  resent = 0;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    options: DeadLetterSinkOptions = {},
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

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    let pending = letters;
    for (let send = 1; ; send += 1) {
      const written = await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: pending.map((letter) => ({
          key: letter.message.key,
          value: letter.message.value,
          headers: headersOf(letter),
        })),
      });
      if (!this.verify) return;
      pending = await this.missingAfterReadBack(pending, written);
      if (pending.length === 0) return;
      this.resent += pending.length;
      if (send >= this.maxSends) {
        throw new DeadLettersNotVerifiedError(this.topic, pending.map(letterIdentity));
      }
    }
  }

  /**
   * The letters not found in the log at the offsets the broker reported. Only the reported
   * ranges are read: one send writes each partition's letters as one contiguous batch.
   */
  async missingAfterReadBack(
    letters: readonly DeadLetter[],
    written: readonly RecordMetadata[],
  ): Promise<readonly DeadLetter[]> {
    let missing = letters;
    for (let attempt = 1; ; attempt += 1) {
      const found = new Set<string>();
      for (const { partition, baseOffset } of written) {
        if (baseOffset === undefined) continue;
        const records = await this.reader.read(this.topic, partition, baseOffset, letters.length);
        for (const record of records) found.add(recordIdentity(record.headers));
      }
      missing = missing.filter((letter) => !found.has(letterIdentity(letter)));
      if (missing.length === 0 || attempt >= this.readBackAttempts) return missing;
      await sleep(100 * attempt);
    }
  }

  async close(): Promise<void> {
    await this.reader.close();
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
