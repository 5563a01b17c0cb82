import { Kafka, Partitioners, logLevel } from 'kafkajs';
import {
  KafkaDeadLetterSink,
  KafkaTradeSource,
  HandlerGaveUpError,
  createKafkaClient,
  defaultKafkaSourceOptions,
} from '../src';
import { brokers, freshName, quietLogger, requireBroker } from './broker';

beforeAll(requireBroker);

test('a handler that keeps failing ends the source with a failure; kafkajs does not restart it', async () => {
  const topic = freshName('crash');
  const admin = new Kafka({
    brokers: brokers(),
    clientId: 'crash-test',
    logLevel: logLevel.NOTHING,
  });
  const producer = admin.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
  await producer.disconnect();

  const kafka = createKafkaClient({
    brokers: brokers(),
    clientId: 'crash-test',
    logger: quietLogger,
  });
  const source = new KafkaTradeSource(kafka, new KafkaDeadLetterSink(kafka, `${topic}.dlq`), {
    ...defaultKafkaSourceOptions,
    brokers: brokers(),
    clientId: 'crash-test',
    topic,
    groupId: freshName('crash-group'),
    deadLetterTopic: `${topic}.dlq`,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 1000,
    handlerBackoff: { initialMs: 20, maxMs: 50, maxAttempts: 3 },
    logger: quietLogger,
  });
  let calls = 0;
  await source.start(async () => {
    calls += 1;
    throw new Error('store down for good');
  });
  const failure = await source.finished;
  expect(failure?.error).toBeInstanceOf(HandlerGaveUpError);
  expect(failure?.error.message).toMatch(/failed 3 times.*store down for good/);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(calls).toBe(3); // no restart loop
  await source.stop();
});
