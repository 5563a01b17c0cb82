import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { startPayoutService } from '../../../examples/payout-service/src/payout-service';
import { PayoutMessageV1 } from '../src/payouts/payout-message';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { applyLines, payoutLines } from './support/payout-lines';
import { ServiceProcess } from './support/service';

/**
 * The relay process SIGKILLed in the middle of a run's payouts and started again: it resumes
 * from its checkpoint, so every payout reaches the topic at least once (some twice: those sent
 * after the last checkpoint), none is lost, and the reference payout service pays each once.
 */

const PAYOUTS = 400;

const waitUntil = async (
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('payout relay process: SIGKILL mid-stream (real broker and store)', () => {
  const processes: ServiceProcess[] = [];
  const running: { stop(): Promise<void> }[] = [];
  const context = useBrokerAndStore(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
    await Promise.all(processes.splice(0).map((service) => service.dispose()));
  });

  test('every payout published at least once, none lost; the reference service pays each once', async () => {
    const { kafka, store } = context;
    const setup = await store.open();
    await applyLines(setup, payoutLines(PAYOUTS, 'run-1', 2, true));
    const positions: bigint[] = [];
    for await (const recorded of setup.readStream('payouts')) {
      if (recorded.type === 'PayoutRequested') positions.push(recorded.position);
    }
    await setup.close();
    expect(positions).toHaveLength(PAYOUTS);
    const last = positions[positions.length - 1] as bigint;

    const topic = freshName('payouts');
    await kafka.createTopic(topic, 3);
    const checkpoint = join(mkdtempSync(join(tmpdir(), 'relay-crash-')), 'relay.checkpoint');
    const checkpointAt = (): bigint | undefined =>
      existsSync(checkpoint) ? BigInt(readFileSync(checkpoint, 'utf8').trim()) : undefined;
    const env = {
      ...store.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      PAYOUTS_TOPIC: topic,
      PAYOUT_RELAY_CHECKPOINT: checkpoint,
      // Small batches: many checkpoints, so the kill lands between two of them.
      PAYOUT_RELAY_BATCH_SIZE: '10',
    };
    const start = () => {
      const relay = ServiceProcess.start(env, 'payout-relay-main');
      processes.push(relay);
      return relay;
    };

    const first = start();
    await first.waitForLog('payout relay started');
    // Killed once a quarter is checkpointed: the next batch is likely sent but not checkpointed.
    const quarter = positions[PAYOUTS / 4 - 1] as bigint;
    await waitUntil('a quarter checkpointed', () => {
      if (first.hasExited) throw new Error(`relay exited\n${first.tail()}`);
      return (checkpointAt() ?? -1n) >= quarter;
    });
    first.kill('SIGKILL');
    expect((await first.waitForExit()).signal).toBe('SIGKILL');
    const killedAt = checkpointAt() as bigint;
    const relayedBeforeKill = positions.filter((p) => p <= killedAt).length;
    expect(relayedBeforeKill).toBeGreaterThan(0);
    expect(relayedBeforeKill).toBeLessThan(PAYOUTS); // mid-stream

    const second = start();
    await waitUntil('the checkpoint at the last payout', () => {
      if (second.hasExited) throw new Error(`restarted relay exited\n${second.tail()}`);
      return checkpointAt() === last;
    });
    second.kill('SIGTERM');
    expect(await second.waitForExit()).toEqual({ code: 0, signal: null });

    const messages = await kafka.readAll(topic);
    const ids = messages.map((message) => {
      const decoded = PayoutMessageV1.decode(JSON.parse(String(message.value)));
      if (!isRight(decoded)) throw new Error(`not a payout message: ${String(message.value)}`);
      expect(String(message.key)).toBe(decoded.right.clientId);
      return decoded.right.payoutId;
    });
    const distinct = new Set(ids);
    const expected = Array.from(
      { length: PAYOUTS },
      (_, i) => `run-1/C${String(i).padStart(4, '0')}`,
    );
    expect([...distinct].sort()).toEqual(expected); // none lost, nothing else
    const republished = ids.length - distinct.size;

    const dir = mkdtempSync(join(tmpdir(), 'relay-crash-service-'));
    const results = freshName('payout-results');
    await kafka.createTopic(results, 1);
    const service = await startPayoutService({
      brokers: kafka.brokers,
      payoutsTopic: topic,
      resultsTopic: results,
      groupId: freshName('payout-service'),
      databasePath: join(dir, 'payments.sqlite'),
      failureRate: 0,
    });
    running.push(service);
    await waitUntil('every delivery handled', () => service.delivered() >= ids.length);
    const payments = service.payments.all();
    expect(payments.map((p) => p.payoutId)).toEqual(expected);
    expect(payments.every((p) => p.amount === '3.00' && p.status === 'completed')).toBe(true);
    expect(service.repeated()).toBe(republished);
    console.log(
      `payout relay SIGKILL: killed after ${relayedBeforeKill}/${PAYOUTS} payouts checkpointed; ${ids.length} messages on the topic (${republished} republished), ${distinct.size} distinct; the payout service paid ${payments.length}, ${service.repeated()} repeats answered from its record`,
    );
  });
});
