import { TestKafka } from './support/kafka';
import { expectExactLedger, prepareFixture } from './support/fixture';
import { waitForProgress } from './support/progress';
import { testSeed } from './support/random';
import { ServiceProcess } from './support/service';
import { type TestStore, freshTestStore } from './support/store';

describe('ingestion service process: crash and stop (real broker)', () => {
  let kafka: TestKafka;
  let store: TestStore;
  const processes: ServiceProcess[] = [];
  const start = (env: Record<string, string>): ServiceProcess => {
    const service = ServiceProcess.start(env);
    processes.push(service);
    return service;
  };

  beforeAll(async () => {
    kafka = await TestKafka.connect();
  });
  afterAll(async () => kafka?.close());
  beforeEach(() => {
    store = freshTestStore();
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((service) => service.dispose()));
    await store.dispose();
  });

  test('SIGKILL mid-run, restart: 20,000 trades accrue exactly once', async () => {
    const fixture = await prepareFixture(kafka, store, testSeed('SIGKILL'), {
      partitions: 3,
      trades: 20_000,
      duplicateRate: 0.01,
      cancelRate: 0.01,
      malformed: 10,
    });
    const total = fixture.scenario.messages.length;
    const env = { ...fixture.env, KAFKA_BATCH_SIZE: '250' };

    const first = start(env);
    await first.waitForLog('ingestion started');
    const leftAtKill = await waitForProgress(
      kafka,
      fixture.groupId,
      fixture.topic,
      total,
      0.2,
      () => (first.hasExited ? `service exited early\n${first.tail()}` : undefined),
    );
    first.kill('SIGKILL');
    expect((await first.waitForExit()).signal).toBe('SIGKILL');
    expect(leftAtKill).toBeGreaterThan(0n);

    const second = start(env);
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic, {
      failFast: () => (second.hasExited ? `restarted service exited\n${second.tail()}` : undefined),
    });
    second.kill('SIGTERM');
    expect(await second.waitForExit()).toEqual({ code: 0, signal: null });
    await expectExactLedger(kafka, store, fixture);
  });

  test('SIGTERM mid-run exits 0 after committing the batch in flight; a restart completes exactly', async () => {
    const fixture = await prepareFixture(kafka, store, testSeed('SIGTERM'), {
      partitions: 3,
      trades: 6_000,
      duplicateRate: 0.02,
      cancelRate: 0.02,
      malformed: 10,
    });
    const total = fixture.scenario.messages.length;
    const env = { ...fixture.env, KAFKA_BATCH_SIZE: '250' };

    const first = start(env);
    await first.waitForLog('ingestion started');
    await waitForProgress(kafka, fixture.groupId, fixture.topic, total, 0.2, () =>
      first.hasExited ? `service exited early\n${first.tail()}` : undefined,
    );
    first.kill('SIGTERM');
    expect(await first.waitForExit(20_000)).toEqual({ code: 0, signal: null });
    expect(first.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    const second = start(env);
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic, {
      failFast: () => (second.hasExited ? `restarted service exited\n${second.tail()}` : undefined),
    });
    second.kill('SIGTERM');
    expect(await second.waitForExit()).toEqual({ code: 0, signal: null });
    await expectExactLedger(kafka, store, fixture);
  });
});
