import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@rebate/runtime';
import { VerifiedProducer, createKafkaClient } from '@rebate/trade-source-kafka';
import { isRight } from 'fp-ts/Either';
import { FileCheckpoint } from '../src/payouts/checkpoint-file';
import { PAYOUT_ID_HEADER, PayoutMessageV1 } from '../src/payouts/payout-message';
import { PayoutRelay, payoutIdentity } from '../src/payouts/payout-relay';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { applyLines, payoutLines } from './support/payout-lines';

describe('payout relay (real broker and store)', () => {
  let relay: PayoutRelay | undefined;
  let producer: VerifiedProducer | undefined;
  const context = useBrokerAndStore(async () => {
    await relay?.stop();
    await producer?.close();
  });

  test('every payout is published once per relay run, schema-checked, keyed by client; a restart resumes after its checkpoint', async () => {
    const { kafka, store } = context;
    const opened = await store.open();
    const topic = freshName('payouts');
    await kafka.createTopic(topic, 3);
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'relay-')), 'payout-relay.checkpoint');
    const logger = createLogger({ name: 'relay-test', level: 'fatal' });
    const startRelay = () => {
      producer = new VerifiedProducer(
        createKafkaClient({ brokers: kafka.brokers, clientId: 'relay-test', logger }),
        payoutIdentity,
      );
      relay = new PayoutRelay(
        opened,
        producer,
        new FileCheckpoint(checkpointPath),
        { topic, maxBatch: 100, lingerMs: 20 },
        logger,
      );
      return relay.start();
    };
    try {
      await applyLines(opened, payoutLines(150, 'run-1', 2, true));
      const started = Date.now();
      await startRelay();
      const first = await kafka.readAll(topic);
      const waitFor = async (count: number) => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const messages = await kafka.readAll(topic);
          if (messages.length >= count || Date.now() > deadline) return messages;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      const afterRun1 = first.length >= 150 ? first : await waitFor(150);
      const seconds = (Date.now() - started) / 1000;
      expect(afterRun1).toHaveLength(150);
      for (const message of afterRun1) {
        const decoded = PayoutMessageV1.decode(JSON.parse(String(message.value)));
        expect(isRight(decoded)).toBe(true);
        if (!isRight(decoded)) continue;
        expect(decoded.right).toEqual({
          schemaVersion: 1,
          payoutId: `run-1/${decoded.right.clientId}`,
          runId: 'run-1',
          clientId: String(message.key),
          partnerId: 'P1',
          amount: '3.00',
          currency: 'USD',
          requestedAt: '2026-11-03T00:00:00Z',
        });
        expect(String(message.headers?.[PAYOUT_ID_HEADER])).toBe(decoded.right.payoutId);
      }
      // The checkpoint is saved right after the read-back: it reaches the head of the store.
      const head = await opened.headPosition();
      const checkpointAt = () => BigInt(readFileSync(checkpointPath, 'utf8').trim());
      for (let i = 0; i < 100 && checkpointAt() !== head; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(checkpointAt()).toBe(head);
      await relay?.stop();
      await producer?.close();

      // Stopped: a second run happens; the restarted relay publishes only the new payouts.
      await applyLines(opened, payoutLines(150, 'run-2', 4, false));
      await startRelay();
      const all = await waitFor(300);
      expect(all).toHaveLength(300);
      expect(new Set(all.map((m) => String(m.headers?.[PAYOUT_ID_HEADER]))).size).toBe(300);
      console.log(
        `payout relay: 150 payouts published and read back in ${seconds.toFixed(1)} s; restart published only the 150 new ones`,
      );
    } finally {
      await relay?.stop();
      await opened.close();
    }
  });
});
