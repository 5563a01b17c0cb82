import type { IHeaders, Kafka } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetter, type DeadLetterSink } from '@rebate/trade-source';
import {
  DeliveryNotVerifiedError,
  VerifiedProducer,
  type VerifiedProducerOptions,
} from './verified-producer';

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
export class DeadLettersNotVerifiedError extends DeliveryNotVerifiedError {
  override readonly name = 'DeadLettersNotVerifiedError';
}

export type DeadLetterSinkOptions = VerifiedProducerOptions;

/**
 * Publishes refused messages to the dead-letter topic with their ORIGINAL key and value bytes
 * (so the same partitioning and a byte-exact replay are possible) through a VerifiedProducer:
 * idempotent, acks=all, and each letter read back (found by its source coordinates) from the
 * partition's current leader before `publish` resolves and the source may move past it
 * (tulios/kafkajs#1798). Readers deduplicate by the source coordinates.
 */
export class KafkaDeadLetterSink implements DeadLetterSink {
  private readonly producer: VerifiedProducer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    options: DeadLetterSinkOptions = {},
  ) {
    this.producer = new VerifiedProducer(kafka, recordIdentity, options);
  }

  /** Letters found missing after an acknowledged send, and sent again. */
  get resent(): number {
    return this.producer.resent;
  }

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    try {
      await this.producer.send(
        this.topic,
        letters.map((letter) => ({
          key: letter.message.key,
          value: letter.message.value,
          headers: headersOf(letter),
          identity: letterIdentity(letter),
        })),
      );
    } catch (error) {
      if (
        error instanceof DeliveryNotVerifiedError &&
        !(error instanceof DeadLettersNotVerifiedError)
      ) {
        throw new DeadLettersNotVerifiedError(error.topic, error.missing);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.producer.close();
  }
}
