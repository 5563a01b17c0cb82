import { Kafka, type KafkaMessage, Partitioners, logLevel } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '@rebate/trade-source';
import { describeTradeSourceContract } from '@rebate/trade-source/contract';
import {
  KafkaDeadLetterSink,
  KafkaTradeSource,
  createKafkaClient,
  defaultKafkaSourceOptions,
} from '../src';
import { brokers, freshName, quietLogger, requireBroker } from './broker';

const admin = new Kafka({
  brokers: brokers(),
  clientId: 'contract-admin',
  logLevel: logLevel.NOTHING,
});

/** Reads `expected` messages of a topic with a throwaway group. */
const readTopic = async (topic: string, expected: number): Promise<KafkaMessage[]> => {
  const messages: KafkaMessage[] = [];
  if (expected === 0) return messages;
  const consumer = admin.consumer({ groupId: freshName('reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${expected}`)),
        20_000,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          messages.push(...batch.messages);
          if (messages.length >= expected) {
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
};

beforeAll(requireBroker);

describeTradeSourceContract('kafkajs', {
  deliveryTimeoutMs: 20_000,
  createChannel: async (partitions) => {
    const topic = freshName('contract');
    const deadLetterTopic = freshName('contract-dlq');
    const client = admin.admin();
    await client.connect();
    await client.createTopics({
      topics: [
        { topic, numPartitions: partitions },
        { topic: deadLetterTopic, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    await client.disconnect();
    const producer = admin.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const kafka = createKafkaClient({
      brokers: brokers(),
      clientId: 'contract',
      logger: quietLogger,
    });
    const sinks: KafkaDeadLetterSink[] = [];
    return {
      publish: async (messages) => {
        await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m })) });
      },
      openSource: (groupId, { maxBatchSize }) => {
        const sink = new KafkaDeadLetterSink(kafka, deadLetterTopic);
        sinks.push(sink);
        return new KafkaTradeSource(kafka, sink, {
          ...defaultKafkaSourceOptions,
          brokers: brokers(),
          clientId: 'contract',
          topic,
          groupId: `${topic}.${groupId}`,
          deadLetterTopic,
          maxBatchSize,
          sessionTimeoutMs: 6000,
          heartbeatIntervalMs: 1000,
          handlerBackoff: { initialMs: 50, maxMs: 200, maxAttempts: 5 },
          logger: quietLogger,
        });
      },
      deadLetters: async (expected) =>
        (await readTopic(deadLetterTopic, expected)).map((m) => ({
          key: m.key,
          value: m.value,
          code: String(m.headers?.[DEAD_LETTER_HEADERS.code]),
          reason: String(m.headers?.[DEAD_LETTER_HEADERS.reason]),
          sourcePartition: Number(String(m.headers?.[DEAD_LETTER_HEADERS.sourcePartition])),
          sourceOffset: String(m.headers?.[DEAD_LETTER_HEADERS.sourceOffset]),
        })),
      dispose: async () => {
        await Promise.all(sinks.map((sink) => sink.close()));
        await producer.disconnect();
      },
    };
  },
});
