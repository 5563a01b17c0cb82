import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import {
  type Admin,
  Kafka,
  type KafkaMessage,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';

/** The broker under test: KAFKA_BROKERS, default the one `scripts/kafka-start.sh` starts. */
export const testBrokers = (): string[] =>
  (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

const canConnect = (hostPort: string): Promise<boolean> =>
  new Promise((resolve) => {
    const [host, port] = [hostPort.slice(0, hostPort.lastIndexOf(':')), hostPort.split(':').pop()];
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(Number(port), host, () => finish(true));
  });

/** These tests need a real broker: they fail, never skip, without one, saying how to get one. */
export const requireBroker = async (brokers = testBrokers()): Promise<void> => {
  if (!(await canConnect(brokers[0] as string))) {
    throw new Error(
      `no Kafka broker answers on ${brokers.join(',')}: run \`bash scripts/kafka-start.sh\` ` +
        '(or set KAFKA_BROKERS to a running broker)',
    );
  }
};

/** Topic and group names no other test (or earlier run) uses. */
export const freshName = (prefix: string): string =>
  `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;

export interface OutgoingMessage {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
}

/** Admin and producer for a test: topics, publishing, offsets, reading a topic back. */
export class TestKafka {
  readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;

  private constructor(readonly brokers: string[]) {
    this.kafka = new Kafka({
      brokers,
      clientId: 'ingestion-tests',
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  static async connect(brokers = testBrokers()): Promise<TestKafka> {
    await requireBroker(brokers);
    const kafka = new TestKafka(brokers);
    await kafka.admin.connect();
    await kafka.producer.connect();
    return kafka;
  }

  async createTopic(topic: string, partitions: number): Promise<void> {
    await this.admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  }

  /** Publishes in order (one partition keeps the order of its keys), in chunks, acks=all. */
  async publish(topic: string, messages: readonly OutgoingMessage[], chunk = 2000): Promise<void> {
    for (let start = 0; start < messages.length; start += chunk) {
      await this.producer.send({
        topic,
        acks: -1,
        messages: messages.slice(start, start + chunk).map((m) => ({ key: m.key, value: m.value })),
      });
    }
  }

  /** Next offset per partition (the end of the log). */
  async endOffsets(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  }

  /** Committed offsets of a group (-1 = none yet). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const [topicOffsets] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((topicOffsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  }

  /** Sum of what the group still has to commit. */
  async remaining(groupId: string, topic: string): Promise<bigint> {
    const [ends, committed] = await Promise.all([
      this.endOffsets(topic),
      this.committedOffsets(groupId, topic),
    ]);
    let left = 0n;
    for (const [partition, end] of ends) {
      const at = committed.get(partition) ?? -1n;
      left += end - (at < 0n ? 0n : at);
    }
    return left;
  }

  /** Waits until the group's committed offsets reach the end of every partition. */
  async waitUntilConsumed(
    groupId: string,
    topic: string,
    {
      timeoutMs = 90_000,
      failFast,
    }: { timeoutMs?: number; failFast?: () => string | undefined } = {},
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const problem = failFast?.();
      if (problem) throw new Error(problem);
      const left = await this.remaining(groupId, topic).catch(() => -1n);
      if (left === 0n) return;
      if (Date.now() > deadline) {
        throw new Error(
          `group ${groupId} still has ${left} messages of ${topic} after ${timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Every message of a topic, read by a throwaway group from the beginning to the end. */
  async readAll(topic: string, timeoutMs = 30_000): Promise<KafkaMessage[]> {
    const ends = await this.endOffsets(topic);
    const total = [...ends.values()].reduce((a, b) => a + b, 0n);
    const messages: KafkaMessage[] = [];
    if (total === 0n) return messages;
    const consumer = this.kafka.consumer({ groupId: freshName('reader'), maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`read ${messages.length} of ${total} messages of ${topic}`)),
          timeoutMs,
        );
        void consumer.run({
          eachBatch: async ({ batch }) => {
            messages.push(...batch.messages);
            if (BigInt(messages.length) >= total) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
