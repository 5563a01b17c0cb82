import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRecorded } from '@rebate/ledger';
import { createLogger } from '@rebate/runtime';
import { startPayoutService } from '../../../examples/payout-service/src/payout-service';
import { payoutsConfigFromEnv } from '../src/payouts/payouts-config';
import {
  type RunningService,
  startPayoutRelay,
  startPayoutResults,
} from '../src/payouts/payouts-service';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { applyLines, payoutLines } from './support/payout-lines';

describe('the payout loop: ledger -> Kafka -> reference payout service -> Kafka -> ledger', () => {
  const running: { stop(): Promise<void> }[] = [];
  const context = useBrokerAndStore(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
  });

  test('every payout is paid once and its result recorded; the ledger agrees with the payment file', async () => {
    const { kafka, store } = context;
    const setup = await store.open();
    await applyLines(setup, payoutLines(60, 'run-1', 2, true));
    await setup.close();
    const payouts = freshName('payouts');
    const results = freshName('payout-results');
    await kafka.createTopic(payouts, 3);
    await kafka.createTopic(results, 3);
    const dir = mkdtempSync(join(tmpdir(), 'payout-loop-'));
    const config = payoutsConfigFromEnv({
      ...store.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      PAYOUTS_TOPIC: payouts,
      PAYOUT_RESULTS_TOPIC: results,
      PAYOUT_RESULTS_DLQ_TOPIC: `${results}.dlq`,
      PAYOUT_RESULTS_GROUP_ID: freshName('results'),
      PAYOUT_RELAY_CHECKPOINT: join(dir, 'relay.checkpoint'),
      METRICS_PORT: '0',
    });
    const logger = createLogger({ name: 'loop-test', level: 'fatal' });
    const started = Date.now();
    const relay: RunningService = await startPayoutRelay(config, logger);
    running.push(relay);
    const service = await startPayoutService({
      brokers: kafka.brokers,
      payoutsTopic: payouts,
      resultsTopic: results,
      groupId: freshName('payout-service'),
      databasePath: join(dir, 'payments.sqlite'),
      failureRate: 0.25,
    });
    running.push(service);
    const consumer = await startPayoutResults(config, logger);
    running.push(consumer);

    const ledgerResults = async () => {
      const opened = await store.open();
      const found = new Map<string, string>();
      try {
        for await (const recorded of opened.readStream('payouts')) {
          const event = fromRecorded(recorded);
          if (event.type === 'PayoutCompleted') found.set(event.payoutId, 'completed');
          if (event.type === 'PayoutFailed') found.set(event.payoutId, 'failed');
        }
      } finally {
        await opened.close();
      }
      return found;
    };
    const deadline = Date.now() + 60_000;
    let recorded = await ledgerResults();
    while (recorded.size < 60 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      recorded = await ledgerResults();
    }
    const seconds = (Date.now() - started) / 1000;
    const paid = service.payments.all();
    expect(paid).toHaveLength(60);
    expect(recorded.size).toBe(60);
    for (const payment of paid) {
      expect(payment.amount).toBe('3.00');
      expect(recorded.get(payment.payoutId)).toBe(payment.status);
    }
    const failed = paid.filter((p) => p.status === 'failed').length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(60);
    console.log(
      `payout loop: 60 payouts relayed, paid once each (${60 - failed} completed, ${failed} failed), results in the ledger after ${seconds.toFixed(1)} s`,
    );
  });
});
