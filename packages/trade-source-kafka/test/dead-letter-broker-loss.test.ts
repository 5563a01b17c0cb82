import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetter } from '@rebate/trade-source';
import { KafkaDeadLetterSink, createKafkaClient } from '../src';
import { freshName, quietLogger } from './broker';
import { readTopic } from './read-topic';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const script = (name: string, ...args: string[]) =>
  run('bash', [resolve(ROOT, 'scripts', name), ...args], { cwd: ROOT, timeout: 180_000 });
/** The three-node cluster of scripts/kafka-cluster-start.sh (node N: client port N9092). */
const CLUSTER = ['127.0.0.1:19092', '127.0.0.1:29092', '127.0.0.1:39092'];

const letter = (n: number): DeadLetter => ({
  message: {
    topic: 'trades.closed',
    partition: n % 6,
    offset: String(n),
    key: Buffer.from(`C${n % 11}`),
    value: Buffer.from(`{"bad":${n}}`),
    headers: [],
    timestamp: '0',
  },
  code: 'invalid-input',
  reason: `bad ${n}`,
});

describe('dead letters while a broker of the three-node cluster stops', () => {
  let stoppedNode: number | undefined;

  beforeAll(async () => {
    await script('kafka-cluster-start.sh');
  }, 200_000);
  afterAll(async () => {
    if (stoppedNode !== undefined) await script('kafka-node-start.sh', String(stoppedNode));
    if (process.env['KEEP_KAFKA_CLUSTER'] !== '1') await script('kafka-cluster-stop.sh');
  }, 200_000);

  test('every letter publish() resolved for is in the topic: none lost', async () => {
    const admin = new Kafka({ brokers: CLUSTER, clientId: 'dlq-loss', logLevel: logLevel.NOTHING });
    const topic = freshName('dlq-broker-loss');
    const client = admin.admin();
    await client.connect();
    await client.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
      waitForLeaders: true,
    });
    const [metadata] = (await client.fetchTopicMetadata({ topics: [topic] })).topics;
    await client.disconnect();
    // Stop the node that leads partition 0, so leadership moves while letters are written.
    const leader = metadata?.partitions.find((p) => p.partitionId === 0)?.leader ?? 1;

    const kafka = createKafkaClient({
      brokers: CLUSTER,
      clientId: 'dlq-loss',
      logger: quietLogger,
    });
    const sink = new KafkaDeadLetterSink(kafka, topic);
    const batches = 60;
    const perBatch = 25;
    let failedPublishes = 0;
    let published = 0;
    const started = Date.now();
    for (let b = 0; b < batches; b += 1) {
      if (b === 10) {
        stoppedNode = leader;
        await script('kafka-node-stop.sh', String(leader), '--kill');
      }
      const letters = Array.from({ length: perBatch }, (_, i) => letter(b * perBatch + i));
      // As the source does: a publish that fails is attempted again; only a resolved one counts.
      for (;;) {
        try {
          await sink.publish(letters);
          published += letters.length;
          break;
        } catch {
          failedPublishes += 1;
          if (failedPublishes > 200) throw new Error('the sink never recovered');
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    await sink.close();

    const stored = await readTopic(admin, topic, published, 60_000);
    const found = new Set(stored.map((m) => String(m.headers?.[DEAD_LETTER_HEADERS.sourceOffset])));
    const lost = Array.from({ length: published }, (_, n) => String(n)).filter(
      (offset) => !found.has(offset),
    );
    console.log(
      `broker loss: node ${leader} killed after 10 of ${batches} batches; ${published} letters ` +
        `published in ${seconds.toFixed(1)} s, ${failedPublishes} publish calls failed and were ` +
        `retried, ${sink.resent} letters found missing after an acknowledged send and sent again; ` +
        `${stored.length} records read back, ${found.size} distinct, ` +
        `${stored.length - found.size} duplicates, ${lost.length} lost`,
    );
    expect(published).toBe(batches * perBatch);
    expect(lost).toEqual([]);
  }, 300_000);
});
