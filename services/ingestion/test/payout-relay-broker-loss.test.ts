import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { createLogger } from '@rebate/runtime';
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
const CLUSTER = ['127.0.0.1:19092', '127.0.0.1:29092', '127.0.0.1:39092'];

describe('payout relay while a broker of the three-node cluster is killed', () => {
  let stoppedNode: number | undefined;
  let store: TestStore;
  let relay: RunningService | undefined;
  let kafka: TestKafka | undefined;

  beforeAll(async () => {
    await script('kafka-cluster-start.sh');
    store = freshTestStore();
  }, 200_000);
  afterAll(async () => {
    await relay?.stop();
    await kafka?.close();
    await store?.dispose();
    if (stoppedNode !== undefined) await script('kafka-node-start.sh', String(stoppedNode));
    if (process.env['KEEP_KAFKA_CLUSTER'] !== '1') await script('kafka-cluster-stop.sh');
  }, 200_000);

  test('every payout requested is on the topic: none lost across the leader change', async () => {
    kafka = await TestKafka.connect(CLUSTER);
    const topic = freshName('payouts-loss');
    const admin = new Kafka({
      brokers: CLUSTER,
      clientId: 'relay-loss',
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
      waitForLeaders: true,
    });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    await admin.disconnect();
    const leader = metadata?.partitions.find((p) => p.partitionId === 0)?.leader ?? 1;

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
      const messages = await kafka.readAll(topic).catch(() => undefined);
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
