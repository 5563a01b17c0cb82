import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { createLogger } from '@rebate/runtime';
import { DEAD_LETTER_HEADERS, type DeadLetter } from '@rebate/trade-source';
import { KafkaDeadLetterSink, createKafkaClient } from '@rebate/trade-source-kafka';
import { payoutsConfigFromEnv } from '../src/payouts/payouts-config';
import { PAYOUT_ID_HEADER } from '../src/payouts/payout-message';
import { type RunningService, startPayoutRelay } from '../src/payouts/payouts-service';
import { TestKafka, freshName } from './support/kafka';
import { applyLines, payoutLines } from './support/payout-lines';
import { type TestStore, freshTestStore } from './support/store';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const script = (name: string, ...args: string[]) =>
  run('bash', [resolve(ROOT, 'scripts', name), ...args], { cwd: ROOT, timeout: 180_000 });
/** The three-node cluster of scripts/kafka-cluster-start.sh (node N: client port N9092). */
const CLUSTER = ['127.0.0.1:19092', '127.0.0.1:29092', '127.0.0.1:39092'];
const quietLogger = createLogger({ name: 'cluster-test', level: 'fatal' });

/** Reads a topic, retrying while a reader is still sent to the killed node. */
const readAllOf = async (kafka: TestKafka, topic: string) => {
  for (let attempt = 1; ; attempt += 1) {
    const messages = await kafka.readAll(topic).catch((error: unknown) => {
      if (attempt >= 20) throw error;
      return undefined;
    });
    if (messages) return messages;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
};

/**
 * Creates a replicated topic and answers the node leading its partition 0. Right after the
 * creation a node may not know the topic yet ("does not host this topic-partition"): ask again.
 */
const createTopicLedBy = async (clientId: string, topic: string): Promise<number> => {
  const admin = new Kafka({ brokers: CLUSTER, clientId, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
      waitForLeaders: true,
    });
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
        const leader = metadata?.partitions.find((p) => p.partitionId === 0)?.leader;
        if (leader !== undefined && leader >= 0) return leader;
      } catch (error) {
        if (attempt >= 40) throw error;
      }
      if (attempt >= 40) throw new Error(`no leader for ${topic} partition 0`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
};

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

/**
 * Broker loss on the three-node cluster (fixed ports 19092/29092/39092). One file, so the two
 * tests never kill nodes at the same time; the killed node is restarted after each test.
 */
describe('writes while a broker of the three-node cluster is killed', () => {
  let stoppedNode: number | undefined;
  let store: TestStore;
  let relay: RunningService | undefined;
  let kafka: TestKafka | undefined;

  beforeAll(async () => {
    await script('kafka-cluster-start.sh');
    kafka = await TestKafka.connect(CLUSTER);
    store = freshTestStore();
  }, 200_000);
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    if (stoppedNode !== undefined) await script('kafka-node-start.sh', String(stoppedNode));
    stoppedNode = undefined;
  }, 200_000);
  afterAll(async () => {
    await kafka?.close();
    await store?.dispose();
    if (process.env['KEEP_KAFKA_CLUSTER'] !== '1') await script('kafka-cluster-stop.sh');
  }, 200_000);

  test('every letter publish() resolved for is in the topic: none lost', async () => {
    const topic = freshName('dlq-broker-loss');
    // Stop the node that leads partition 0, so leadership moves while letters are written.
    const leader = await createTopicLedBy('dlq-loss', topic);

    const client2 = createKafkaClient({
      brokers: CLUSTER,
      clientId: 'dlq-loss',
      logger: quietLogger,
    });
    const sink = new KafkaDeadLetterSink(client2, topic);
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

    const stored = await readAllOf(kafka as TestKafka, topic);
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

  test('every payout requested is on the topic: none lost across the leader change', async () => {
    const topic = freshName('payouts-loss');
    const leader = await createTopicLedBy('relay-loss', topic);

    const opened = await store.open();
    await applyLines(opened, payoutLines(100, 'run-1', 2, true));
    relay = await startPayoutRelay(
      payoutsConfigFromEnv({
        ...store.env,
        KAFKA_BROKERS: CLUSTER.join(','),
        PAYOUTS_TOPIC: topic,
        PAYOUT_RELAY_CHECKPOINT: join(mkdtempSync(join(tmpdir(), 'relay-loss-')), 'cp'),
        PAYOUT_RELAY_BATCH_SIZE: '20',
        METRICS_PORT: '0',
      }),
      createLogger({ name: 'relay-loss', level: 'fatal' }),
    );
    // Runs keep coming while the leader of partition 0 is killed.
    const runs = applyLines(opened, payoutLines(100, 'run-2', 4, false)).then(() =>
      applyLines(opened, payoutLines(100, 'run-3', 6, false)),
    );
    stoppedNode = leader;
    await script('kafka-node-stop.sh', String(leader), '--kill');
    await runs;
    const deadline = Date.now() + 120_000;
    let ids = new Set<string>();
    let records = 0;
    while (ids.size < 300 && Date.now() < deadline) {
      // Right after the kill, a reader may still be sent to the dead node: try again.
      const messages = await readAllOf(kafka as TestKafka, topic).catch(() => undefined);
      if (!messages) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      records = messages.length;
      ids = new Set(messages.map((m) => String(m.headers?.[PAYOUT_ID_HEADER])));
      if (ids.size < 300) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    console.log(
      `relay broker loss: node ${leader} killed; ${ids.size} of 300 payouts on the topic (${records} records, ${records - ids.size} duplicates)`,
    );
    expect(ids.size).toBe(300);
    await opened.close();
  }, 300_000);
});
