import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expectExactLedger, prepareFixture } from './support/fixture';
import { TestKafka } from './support/kafka';
import { waitForProgress } from './support/progress';
import { testSeed } from './support/random';
import { ServiceProcess } from './support/service';
import { type TestStore, freshTestStore } from './support/store';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
/** A broker of this test's own: restarting the shared one would disturb every other test. */
const PORT = process.env['KAFKA_RESTART_TEST_PORT'] ?? '9192';
const script = (name: string, ...args: string[]) =>
  run('bash', [resolve(ROOT, 'scripts', name), '--port', PORT, ...args], {
    cwd: ROOT,
    timeout: 120_000,
  });

describe('broker restart during consumption (own broker on a separate port)', () => {
  let kafka: TestKafka;
  let store: TestStore;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    await script('kafka-start.sh');
    kafka = await TestKafka.connect([`127.0.0.1:${PORT}`]);
  }, 120_000);
  afterAll(async () => {
    await kafka?.close();
    await script('kafka-stop.sh');
  }, 60_000);
  beforeEach(() => {
    store = freshTestStore();
  });
  afterEach(async () => {
    await service?.dispose();
    await store.dispose();
  });

  test('the broker stops and comes back with its data: the service recovers by itself and completes exactly', async () => {
    const fixture = await prepareFixture(kafka, store, testSeed('broker restart'), {
      partitions: 3,
      trades: 6_000,
      duplicateRate: 0.02,
      cancelRate: 0.02,
      malformed: 10,
      publish: false,
    });
    const { messages } = fixture.scenario;
    const firstPart = Math.floor((messages.length * 2) / 3);
    await kafka.publish(fixture.topic, messages.slice(0, firstPart));
    service = ServiceProcess.start({ ...fixture.env, KAFKA_BATCH_SIZE: '50' });
    const running = service;
    await running.waitForLog('ingestion started');
    const failFast = () => (running.hasExited ? `service exited\n${running.tail()}` : undefined);
    await waitForProgress(kafka, fixture.groupId, fixture.topic, firstPart, 0.15, failFast);

    await script('kafka-stop.sh');
    await new Promise((done) => setTimeout(done, 1000));
    await script('kafka-start.sh', '--keep-data');
    // The rest is published after the outage: only a service that recovered can consume it.
    await kafka.publish(fixture.topic, messages.slice(firstPart));

    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic, { timeoutMs: 120_000, failFast });
    // It really lost the broker (and came back on its own: same process, no restart).
    expect(running.logs.some((line) => line.includes('ECONNREFUSED'))).toBe(true);
    expect(running.hasExited).toBeUndefined();
    running.kill('SIGTERM');
    expect(await running.waitForExit()).toEqual({ code: 0, signal: null });
    await expectExactLedger(kafka, store, fixture);
  }, 240_000);
});
