import { type IHeaders, type Kafka, Partitioners, type Producer } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetter, type DeadLetterSink } from '@rebate/trade-source';

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

/**
 * Publishes refused messages to the dead-letter topic with their ORIGINAL key and value bytes
 * (so the same partitioning and a byte-exact replay are possible), acknowledged by every
 * in-sync replica before the source moves past them.
 */
export class KafkaDeadLetterSink implements DeadLetterSink {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      // Murmur2, as the Java clients: a key lands where other tools expect it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map((letter) => ({
        key: letter.message.key,
        value: letter.message.value,
        headers: headersOf(letter),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
