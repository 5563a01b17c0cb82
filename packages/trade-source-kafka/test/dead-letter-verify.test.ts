import { Kafka, type Producer, type ProducerRecord, logLevel } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetter } from '@rebate/trade-source';
import { KafkaDeadLetterSink, createKafkaClient } from '../src';
import { brokers, freshName, quietLogger, requireBroker } from './broker';
import { readTopic } from './read-topic';

beforeAll(requireBroker);

const admin = new Kafka({
  brokers: brokers(),
  clientId: 'verify-test',
  logLevel: logLevel.NOTHING,
});

const lettersFrom = (count: number, from = 0): DeadLetter[] =>
  Array.from({ length: count }, (_, i) => ({
    message: {
      topic: 'trades.closed',
      partition: (from + i) % 3,
      offset: String(from + i),
      key: Buffer.from(`C${(from + i) % 5}`),
      value: Buffer.from(`{"bad":${from + i}}`),
      headers: [],
      timestamp: '0',
    },
    code: 'invalid-input',
    reason: `bad ${from + i}`,
  }));

const sourceOffsets = (messages: { headers?: Record<string, unknown> }[]) =>
  new Set(messages.map((m) => String(m.headers?.[DEAD_LETTER_HEADERS.sourceOffset])));

/**
 * The kafkajs#1798 failure, reproduced at the producer's boundary: the first send() resolves
 * with metadata for a write that is not in the dead-letter topic (here it went to a decoy
 * topic; in the bug, a deposed leader's copy that was later truncated).
 */
const loseFirstSend = (sink: KafkaDeadLetterSink, decoy: string): void => {
  const producer = (sink as unknown as { producer: { raw: Producer } }).producer.raw;
  const send = producer.send.bind(producer);
  let lost = false;
  producer.send = async (record: ProducerRecord) => {
    if (lost) return send(record);
    lost = true;
    return (await send({ ...record, topic: decoy })).map((m) => ({
      ...m,
      topicName: record.topic,
    }));
  };
};

const topics = async (...names: string[]) => {
  const client = admin.admin();
  await client.connect();
  await client.createTopics({
    topics: names.map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  await client.disconnect();
};

describe('dead-letter sink: an acknowledged send is read back before publish resolves', () => {
  const kafka = createKafkaClient({ brokers: brokers(), clientId: 'verify', logger: quietLogger });

  test('every letter is found at the offsets the broker reported', async () => {
    const topic = freshName('dlq-verify');
    await topics(topic);
    const sink = new KafkaDeadLetterSink(kafka, topic);
    await sink.publish(lettersFrom(40));
    await sink.publish(lettersFrom(10, 40));
    await sink.close();
    const stored = await readTopic(admin, topic, 50);
    expect(stored).toHaveLength(50);
    expect(sourceOffsets(stored).size).toBe(50);
  });

  test('a send that resolved for records not in the log is detected and sent again', async () => {
    const topic = freshName('dlq-lost');
    const decoy = freshName('dlq-decoy');
    await topics(topic, decoy);
    const sink = new KafkaDeadLetterSink(kafka, topic);
    loseFirstSend(sink, decoy);
    await sink.publish(lettersFrom(12));
    await sink.close();
    expect(sink.resent).toBe(12);
    const stored = await readTopic(admin, topic, 12);
    expect(stored).toHaveLength(12);
    expect(sourceOffsets(stored)).toEqual(new Set(lettersFrom(12).map((l) => l.message.offset)));
  });

  test('without the read-back (verify: false) the same lost send loses every letter', async () => {
    const topic = freshName('dlq-unverified');
    const decoy = freshName('dlq-decoy');
    await topics(topic, decoy);
    const sink = new KafkaDeadLetterSink(kafka, topic, { verify: false });
    loseFirstSend(sink, decoy);
    await sink.publish(lettersFrom(12)); // resolves: the source would commit past them
    await sink.close();
    const client = admin.admin();
    await client.connect();
    const ends = await client.fetchTopicOffsets(topic);
    await client.disconnect();
    expect(ends.map((p) => Number(p.high)).reduce((a, b) => a + b, 0)).toBe(0);
  });

  test('letters that never appear make publish fail (retriable) instead of resolving', async () => {
    const topic = freshName('dlq-never');
    const decoy = freshName('dlq-decoy');
    await topics(topic, decoy);
    const sink = new KafkaDeadLetterSink(kafka, topic, { maxSends: 2, readBackAttempts: 1 });
    const producer = (sink as unknown as { producer: { raw: Producer } }).producer.raw;
    const send = producer.send.bind(producer);
    producer.send = async (record: ProducerRecord) =>
      (await send({ ...record, topic: decoy })).map((m) => ({ ...m, topicName: record.topic }));
    await expect(sink.publish(lettersFrom(3))).rejects.toMatchObject({
      name: 'DeadLettersNotVerifiedError',
      retriable: true,
      missing: ['trades.closed/0/0', 'trades.closed/1/1', 'trades.closed/2/2'],
    });
    await sink.close();
  });
});
