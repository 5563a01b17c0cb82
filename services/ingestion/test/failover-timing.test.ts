import { Kafka, logLevel } from 'kafkajs';
import { useBrokerAndStore } from './support/broker-test';
import { expectExactLedger, prepareFixture } from './support/fixture';
import { testSeed } from './support/random';
import { ServiceProcess } from './support/service';

/** Waits until the group is stable with `members` members. */
const waitForMembers = async (brokers: string[], groupId: string, members: number) => {
  const admin = new Kafka({
    brokers,
    clientId: 'failover-test',
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      const group = groups[0];
      if (group?.state === 'Stable' && group.members.length === members) return;
      if (Date.now() > deadline) throw new Error(`group never had ${members} stable members`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
};

describe('kill -9 of one of two consumers (real broker, default timeouts)', () => {
  const processes: ServiceProcess[] = [];
  const context = useBrokerAndStore(async () => {
    await Promise.all(processes.splice(0).map((service) => service.dispose()));
  });

  test("the survivor takes over the dead member's partitions within about 10 s", async () => {
    const { kafka, store } = context;
    const fixture = await prepareFixture(kafka, store, testSeed('failover'), {
      partitions: 6,
      trades: 1_200,
      duplicateRate: 0.01,
      cancelRate: 0.01,
      malformed: 4,
      publish: false,
    });
    const { messages } = fixture.scenario;
    const half = Math.floor(messages.length / 2);
    await kafka.publish(fixture.topic, messages.slice(0, half));
    const start = () => {
      const service = ServiceProcess.start(fixture.env);
      processes.push(service);
      return service;
    };
    const [doomed, survivor] = [start(), start()];
    await Promise.all([
      doomed.waitForLog('ingestion started'),
      survivor.waitForLog('ingestion started'),
    ]);
    await waitForMembers(kafka.brokers, fixture.groupId, 2);
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic);

    doomed.kill('SIGKILL');
    const killedAt = Date.now();
    await doomed.waitForExit();
    // Published after the kill, to every partition: the dead member's share waits for the
    // coordinator to notice (session timeout) and hand its partitions to the survivor.
    await kafka.publish(fixture.topic, messages.slice(half));
    await kafka.waitUntilConsumed(fixture.groupId, fixture.topic, {
      timeoutMs: 60_000,
      failFast: () => (survivor.hasExited ? `survivor exited\n${survivor.tail()}` : undefined),
    });
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    console.log(
      `failover after kill -9: every partition consumed again after ${recoverySeconds.toFixed(1)} s`,
    );
    expect(recoverySeconds).toBeLessThan(15);
    survivor.kill('SIGTERM');
    expect(await survivor.waitForExit()).toEqual({ code: 0, signal: null });
    await expectExactLedger(kafka, store, fixture);
  }, 120_000);
});
