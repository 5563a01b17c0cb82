/**
 * End-to-end throughput of the ingestion service: N trades published to a fresh topic, then
 * timed from the service's start until the group has committed the end of every partition
 * (decode + one executeTrades per batch + commit). Not a test: prints numbers.
 *
 *   node -r ./scripts/register-ts.js services/ingestion/bench/throughput.ts
 *
 * Env: BENCH_TRADES (20000), BENCH_PARTITIONS (3), KAFKA_BATCH_SIZE (1000),
 * KAFKA_PARTITIONS_CONCURRENTLY (1), KAFKA_BROKERS; DATABASE_URL set = PostgreSQL (fresh
 * schema), else SQLite in a temp dir.
 */
import { cpus } from 'node:os';
import { freshName, TestKafka } from '../test/support/kafka';
import { applyCommands, ledgerFacts } from '../test/support/ledger';
import { generateScenario } from '../test/support/scenario';
import { startInProcess } from '../test/support/service';
import { freshTestStore } from '../test/support/store';

const main = async (): Promise<void> => {
  const trades = Number(process.env['BENCH_TRADES'] ?? 20_000);
  const partitions = Number(process.env['BENCH_PARTITIONS'] ?? 3);
  const batchSize = process.env['KAFKA_BATCH_SIZE'] ?? '1000';
  const concurrency = process.env['KAFKA_PARTITIONS_CONCURRENTLY'] ?? '1';
  const kafka = await TestKafka.connect();
  const store = freshTestStore();
  try {
    const scenario = generateScenario(42, { trades });
    const topic = freshName('bench');
    const groupId = freshName('bench');
    await kafka.createTopic(topic, partitions);
    const setup = await store.open();
    await applyCommands(setup, scenario.commands);
    await setup.close();
    await kafka.publish(topic, scenario.messages);

    const started = process.hrtime.bigint();
    const service = await startInProcess({
      ...store.env,
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      KAFKA_GROUP_ID: groupId,
      KAFKA_BATCH_SIZE: batchSize,
      KAFKA_PARTITIONS_CONCURRENTLY: concurrency,
      // Big enough that one fetch can fill a batch of the requested size.
      KAFKA_MAX_BYTES_PER_PARTITION: String(Math.max(1024 * 1024, Number(batchSize) * 400)),
    });
    await kafka.waitUntilConsumed(groupId, topic, { timeoutMs: 600_000 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await service.stop();

    const written = await store.open();
    const facts = await ledgerFacts(written);
    await written.close();
    console.log(
      JSON.stringify({
        store: store.label.split(' ')[0],
        trades,
        partitions,
        batchSize: Number(batchSize),
        partitionsConcurrently: Number(concurrency),
        seconds: Number(seconds.toFixed(2)),
        tradesPerSecond: Math.round(trades / seconds),
        stored: facts.accrued + facts.report.unattributed,
        cpus: cpus().length,
        node: process.version,
      }),
    );
  } finally {
    await store.dispose();
    await kafka.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
