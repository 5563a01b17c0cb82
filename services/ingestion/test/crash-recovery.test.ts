import { useBrokerAndStore } from './support/broker-test';
import { type Fixture, expectExactLedger, prepareFixture } from './support/fixture';
import { waitForProgress } from './support/progress';
import { testSeed } from './support/random';
import { ServiceProcess } from './support/service';

describe('ingestion service process: crash and stop (real broker)', () => {
  const processes: ServiceProcess[] = [];
  const start = (env: Record<string, string>): ServiceProcess => {
    const service = ServiceProcess.start(env);
    processes.push(service);
    return service;
  };
  const context = useBrokerAndStore(async () => {
    await Promise.all(processes.splice(0).map((service) => service.dispose()));
  });

  /** Starts the service and waits until it has consumed a fifth; returns it and what is left. */
  const startUntilAFifth = async (
    fixture: Fixture,
    env: Record<string, string>,
  ): Promise<{ first: ServiceProcess; left: bigint }> => {
    const total = fixture.scenario.messages.length;
    const first = start(env);
    await first.waitForLog('ingestion started');
    const left = await waitForProgress(
      context.kafka,
      fixture.groupId,
      fixture.topic,
      total,
      0.2,
      () => (first.hasExited ? `service exited early\n${first.tail()}` : undefined),
    );
    return { first, left };
  };

  /** Starts the service again: it consumes the rest, stops on SIGTERM with 0, the ledger is exact. */
  const restartAndComplete = async (
    fixture: Fixture,
    env: Record<string, string>,
  ): Promise<void> => {
    const { kafka, store } = context;
    const second = start(env);
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic, {
      failFast: () => (second.hasExited ? `restarted service exited\n${second.tail()}` : undefined),
    });
    second.kill('SIGTERM');
    expect(await second.waitForExit()).toEqual({ code: 0, signal: null });
    await expectExactLedger(kafka, store, fixture);
  };

  test('SIGKILL mid-run, restart: 20,000 trades accrue exactly once', async () => {
    const { kafka, store } = context;
    const fixture = await prepareFixture(kafka, store, testSeed('SIGKILL'), {
      partitions: 3,
      trades: 20_000,
      duplicateRate: 0.01,
      cancelRate: 0.01,
      malformed: 10,
    });
    const env = { ...fixture.env, KAFKA_BATCH_SIZE: '250' };

    const { first, left: leftAtKill } = await startUntilAFifth(fixture, env);
    first.kill('SIGKILL');
    expect((await first.waitForExit()).signal).toBe('SIGKILL');
    expect(leftAtKill).toBeGreaterThan(0n);

    await restartAndComplete(fixture, env);
  });

  test('SIGTERM mid-run exits 0 after committing the batch in flight; a restart completes exactly', async () => {
    const { kafka, store } = context;
    const fixture = await prepareFixture(kafka, store, testSeed('SIGTERM'), {
      partitions: 3,
      trades: 6_000,
      duplicateRate: 0.02,
      cancelRate: 0.02,
      malformed: 10,
    });
    const env = { ...fixture.env, KAFKA_BATCH_SIZE: '250' };

    const { first } = await startUntilAFifth(fixture, env);
    first.kill('SIGTERM');
    expect(await first.waitForExit(20_000)).toEqual({ code: 0, signal: null });
    expect(first.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    await restartAndComplete(fixture, env);
  });
});
