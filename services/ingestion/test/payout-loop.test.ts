import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@rebate/event-store';
import {
  LedgerTotals,
  type SimulationReport,
  auditLedger,
  buildReport,
  fromRecorded,
} from '@rebate/ledger';
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
import { amount, clientsOf } from '@rebate/test-support/api';

const CLI = join(__dirname, '../../cli/dist/main.js');

/** The built `rebate simulate` on a file of lines (build first: `pnpm build`). */
const simulateCli = (path: string): Promise<SimulationReport> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, 'simulate', path], (error, stdout, stderr) =>
      error ? reject(new Error(`rebate simulate: ${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });

/** The results the ledger recorded, in its order, as the input lines that record them. */
const resultLinesOf = async (store: EventStore): Promise<string[]> => {
  const lines: string[] = [];
  for await (const recorded of store.readStream('payouts')) {
    const event = fromRecorded(recorded);
    if (event.type === 'PayoutCompleted')
      lines.push(
        JSON.stringify({ type: 'payout-completed', payoutId: event.payoutId, at: event.at }),
      );
    if (event.type === 'PayoutFailed')
      lines.push(
        JSON.stringify({
          type: 'payout-failed',
          payoutId: event.payoutId,
          at: event.at,
          reason: event.reason,
        }),
      );
  }
  return lines;
};

const payoutsOf = (payouts: SimulationReport['payouts']) =>
  payouts.map((p) => ({
    payoutId: p.payoutId,
    clientId: p.clientId,
    amount: amount(p.amount),
    status: p.status,
  }));

describe('the payout loop: ledger -> Kafka -> reference payout service -> Kafka -> ledger', () => {
  const running: { stop(): Promise<void> }[] = [];
  const context = useBrokerAndStore(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
  });

  test('every payout is paid once and its result recorded; a second run pays the failed ones again; the ledger agrees with the payment file and with `rebate simulate` on the same lines', async () => {
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

    // A second run pays the failed payouts' amounts again (rules section 9), through the loop.
    const setupLines = payoutLines(60, 'run-1', 2, true);
    const firstResults = await (async () => {
      const opened = await store.open();
      try {
        return await resultLinesOf(opened);
      } finally {
        await opened.close();
      }
    })();
    const secondRun = JSON.stringify({
      type: 'run-payouts',
      runId: 'run-2',
      at: '2027-01-01T00:00:00Z',
    });
    const again = await store.open();
    await applyLines(again, [secondRun]);
    await again.close();
    const secondDeadline = Date.now() + 60_000;
    recorded = await ledgerResults();
    while (recorded.size < 60 + failed && Date.now() < secondDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      recorded = await ledgerResults();
    }
    expect(recorded.size).toBe(60 + failed);
    const repaid = service.payments.all().filter((p) => p.payoutId.startsWith('run-2/'));
    expect(repaid).toHaveLength(failed);

    // `rebate simulate` on the same lines (setup, the runs, the results the ledger recorded)
    // gives the live ledger's balances and payout statuses.
    const ledger = await store.open();
    let live: SimulationReport;
    try {
      const lines = [...setupLines, ...firstResults];
      const allResults = await resultLinesOf(ledger);
      lines.push(secondRun, ...allResults.slice(firstResults.length));
      const file = join(dir, 'loop.ndjson');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const simulated = await simulateCli(file);
      const totals = new LedgerTotals();
      await totals.catchUp(ledger);
      live = buildReport(totals, { rejected: [], duplicates: 0 });
      expect(simulated.rejected).toEqual([]);
      expect(clientsOf(live.clients)).toEqual(clientsOf(simulated.clients));
      expect(payoutsOf(live.payouts)).toEqual(payoutsOf(simulated.payouts));
      expect((await auditLedger(ledger)).discrepancies).toEqual([]);
    } finally {
      await ledger.close();
    }

    // And both agree with the payment file: a client whose last payment failed still holds its
    // 3.00; every other was paid it once.
    const lastPayment = new Map<string, string>();
    for (const payment of service.payments.all().sort((a, b) => (a.payoutId < b.payoutId ? -1 : 1)))
      lastPayment.set(payment.clientId, payment.status);
    expect(live.clients).toHaveLength(60);
    for (const client of live.clients) {
      const status = lastPayment.get(client.clientId);
      expect([client.clientId, amount(client.balance), amount(client.paidOut)]).toEqual(
        status === 'failed' ? [client.clientId, '3', '0'] : [client.clientId, '0', '3'],
      );
    }
    const statuses = (items: readonly { payoutId: string; status: string }[]) =>
      items.map((p) => `${p.payoutId} ${p.status}`).sort();
    expect(statuses(live.payouts)).toEqual(statuses(service.payments.all()));
  }, 180_000);
});
