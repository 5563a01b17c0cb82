import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { DEAD_LETTER_HEADERS, STORE_FAILED_CODE, done } from '@rebate/trade-source';
import {
  KafkaDeadLetterSink,
  KafkaTradeSource,
  createKafkaClient,
  defaultKafkaSourceOptions,
} from '../src';
import { brokers, freshName, quietLogger, requireBroker } from './broker';
import { readTopic } from './read-topic';

beforeAll(requireBroker);

const admin = new Kafka({
  brokers: brokers(),
  clientId: 'poison-test',
  logLevel: logLevel.NOTHING,
});

const sourceOn = (topic: string, groupId: string) => {
  const kafka = createKafkaClient({
    brokers: brokers(),
    clientId: 'poison-test',
    logger: quietLogger,
  });
  const deadLetters = new KafkaDeadLetterSink(kafka, `${topic}.dlq`);
  const source = new KafkaTradeSource(kafka, deadLetters, {
    ...defaultKafkaSourceOptions,
    brokers: brokers(),
    clientId: 'poison-test',
    topic,
    groupId,
    deadLetterTopic: `${topic}.dlq`,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 1000,
    handlerBackoff: { initialMs: 20, maxMs: 50, maxAttempts: 3 },
    logger: quietLogger,
  });
  return { source, deadLetters };
};

test('a message the store always refuses is dead-lettered with its reason; the partition goes on, the source never ends', async () => {
  const topic = freshName('poison');
  const producer = admin.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 30 }, (_, i) => ({ key: 'same-key', value: `trade-${i}` })),
  });
  await producer.disconnect();

  const groupId = freshName('poison-group');
  const { source, deadLetters } = sourceOn(topic, groupId);
  const stored = new Set<string>();
  let calls = 0;
  await source.start(
    async (batch) => {
      calls += 1;
      if (batch.messages.some((m) => m.value?.toString() === 'trade-11')) {
        throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
      }
      for (const m of batch.messages) stored.add(m.value?.toString() ?? '');
      return batch.messages.map(() => done);
    },
    { probe: async () => 'the store answers' },
  );
  const [letter] = await readTopic(admin, `${topic}.dlq`, 1);
  expect(letter?.value?.toString()).toBe('trade-11');
  expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.code])).toBe(STORE_FAILED_CODE);
  expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.reason])).toBe(
    'the store failed on this message 3 times while it answered other requests: invalid byte sequence for encoding "UTF8": 0x00',
  );
  expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.sourceOffset])).toBe('11');
  const deadline = Date.now() + 15_000;
  while (stored.size < 29 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(stored.size).toBe(29);
  expect(stored.has('trade-11')).toBe(false);
  await source.stop();
  await deadLetters.close();
  expect(await source.finished).toBeUndefined();

  // The whole partition is committed: a new member of the group gets nothing again.
  const client = admin.admin();
  await client.connect();
  const [offsets] = await client.fetchOffsets({ groupId, topics: [topic] });
  await client.disconnect();
  const committed = offsets?.partitions
    .map((p) => Math.max(0, Number(p.offset))) // -1: a partition with nothing committed
    .reduce((a, b) => a + b, 0);
  expect(committed).toBe(30);
  console.log(`poison: ${calls} handler calls to store 29 messages and dead-letter 1`);
});

test('a store that stays down: the source keeps waiting (no failure, no exit), then resumes', async () => {
  const topic = freshName('outage');
  const producer = admin.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
  await producer.disconnect();
  const { source, deadLetters } = sourceOn(topic, freshName('outage-group'));
  let up = false;
  let calls = 0;
  let finished = false;
  void source.finished.then(() => (finished = true));
  await source.start(
    async (batch) => {
      calls += 1;
      if (!up) throw new Error('connection refused');
      return batch.messages.map(() => done);
    },
    { probe: async () => (up ? 'ok' : Promise.reject(new Error('connection refused'))) },
  );
  const deadline = Date.now() + 15_000;
  while (calls < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(calls).toBeGreaterThanOrEqual(10); // more than 3 attempts: it did not give up
  expect(finished).toBe(false);
  const before = calls;
  up = true;
  while (calls === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await source.stop();
  await deadLetters.close();
  expect(await source.finished).toBeUndefined();
  expect(await readTopic(admin, `${topic}.dlq`, 0)).toEqual([]);
});
