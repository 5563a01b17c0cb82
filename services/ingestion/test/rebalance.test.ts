import type { IngestionService } from '../src/ingestion-service';
import { useBrokerAndStore } from './support/broker-test';
import { expectExactLedger, prepareFixture } from './support/fixture';
import { waitForProgress } from './support/progress';
import { testSeed } from './support/random';
import { scrapeCounter, startInProcess } from './support/service';

const waitUntilReady = async (port: number): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while ((await fetch(`http://127.0.0.1:${port}/readyz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the second instance never became ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('two ingestion instances in one group (real broker)', () => {
  const services: IngestionService[] = [];
  const context = useBrokerAndStore(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
  });

  test('a second instance joining mid-run (rebalance) leaves the ledger exact', async () => {
    const { kafka, store } = context;
    const fixture = await prepareFixture(kafka, store, testSeed('rebalance'), {
      partitions: 6,
      trades: 8_000,
      duplicateRate: 0.02,
      cancelRate: 0.02,
      conflictRate: 0.01,
      malformed: 10,
      publish: false,
    });
    const { messages } = fixture.scenario;
    const half = Math.floor(messages.length / 2);
    await kafka.publish(fixture.topic, messages.slice(0, half));
    const env = { ...fixture.env, KAFKA_BATCH_SIZE: '100' };
    const first = await startInProcess(env);
    services.push(first);
    await waitForProgress(kafka, fixture.groupId, fixture.topic, half, 0.1);
    const second = await startInProcess(env);
    services.push(second);
    // Once the second has joined (its /readyz says so), the rest goes to both of them.
    await waitUntilReady(second.metricsPort);
    await kafka.publish(fixture.topic, messages.slice(half));
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic);

    // Both took part: the rebalance really split the partitions.
    expect(
      await scrapeCounter(first.metricsPort, 'rebate_ingestion_messages_consumed_total'),
    ).toBeGreaterThan(0);
    expect(
      await scrapeCounter(second.metricsPort, 'rebate_ingestion_messages_consumed_total'),
    ).toBeGreaterThan(0);
    await Promise.all(services.splice(0).map((service) => service.stop()));
    await expectExactLedger(kafka, store, fixture);
  });
});
