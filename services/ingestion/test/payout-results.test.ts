import { fromRecorded } from '@rebate/ledger';
import { DEAD_LETTER_HEADERS } from '@rebate/trade-source';
import { payoutsConfigFromEnv } from '../src/payouts/payouts-config';
import { type RunningService, startPayoutResults } from '../src/payouts/payouts-service';
import { createLogger } from '@rebate/runtime';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { scrapeCounter } from './support/service';
import { applyLines, payoutLines } from './support/payout-lines';

/** A gauge's value for one status label, whatever the other (default) labels. */
const byStatus = async (port: number, name: string, status: string): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(`status="${status}"`));
  if (line === undefined) throw new Error(`no ${name} for status ${status} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('payout results consumer (real broker and store)', () => {
  let service: RunningService | undefined;
  const context = useBrokerAndStore(async () => {
    await service?.stop();
    service = undefined;
  });

  test('results applied once through the ledger; duplicates no-ops; unknown ids, contradictions and garbage dead-lettered with reasons', async () => {
    const { kafka, store } = context;
    const setup = await store.open();
    await applyLines(setup, payoutLines(20, 'run-1', 2, true));
    await setup.close();
    const topic = freshName('payout-results');
    const dlq = freshName('payout-results-dlq');
    const groupId = freshName('payout-results');
    await kafka.createTopic(topic, 2);
    await kafka.createTopic(dlq, 1);
    const at = '2026-11-03T01:00:00Z';
    const client = (i: number) => `C${String(i).padStart(4, '0')}`;
    const result = (i: number, ok: boolean) => ({
      key: client(i),
      value: JSON.stringify(
        ok
          ? { type: 'payout-completed', payoutId: `run-1/${client(i)}`, at }
          : { type: 'payout-failed', payoutId: `run-1/${client(i)}`, reason: 'account closed', at },
      ),
    });
    const messages = [
      ...Array.from({ length: 20 }, (_, i) => result(i, i % 5 !== 0)), // 16 completed, 4 failed
      result(1, true), // the same result again: duplicate
      result(3, true),
      result(1, false), // contradicts the completion: rejected
      {
        key: 'x',
        value: JSON.stringify({ type: 'payout-completed', payoutId: 'run-9/C9999', at }),
      },
      { key: 'x', value: '{"type":"payout-completed","payoutId":' },
      { key: 'x', value: JSON.stringify({ type: 'trade-closed', tradeId: 'T' }) },
    ];
    await kafka.publish(topic, messages);
    const env = {
      ...store.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      PAYOUT_RESULTS_TOPIC: topic,
      PAYOUT_RESULTS_DLQ_TOPIC: dlq,
      PAYOUT_RESULTS_GROUP_ID: groupId,
      METRICS_PORT: '0',
    };
    service = await startPayoutResults(
      payoutsConfigFromEnv(env),
      createLogger({ name: 'results-test', level: 'fatal' }),
    );
    await kafka.waitUntilConsumed(groupId, topic, { timeoutMs: 60_000 });
    const port = service.metricsPort;
    expect(await scrapeCounter(port, 'rebate_payout_results_applied_total')).toBe(20);
    expect(await scrapeCounter(port, 'rebate_payout_results_duplicates_total')).toBe(2);
    expect(await scrapeCounter(port, 'rebate_payout_results_dead_lettered_total')).toBe(4);
    // The ledger's payouts by status (3.00 each): 16 completed, 4 failed, none left in flight.
    expect(await byStatus(port, 'rebate_payouts', 'completed')).toBe(16);
    expect(await byStatus(port, 'rebate_payouts', 'failed')).toBe(4);
    expect(await byStatus(port, 'rebate_payouts', 'requested')).toBe(0);
    expect(await byStatus(port, 'rebate_payouts_amount_usd', 'completed')).toBe(48);
    expect(await byStatus(port, 'rebate_payouts_amount_usd', 'failed')).toBe(12);
    await service.stop();
    service = undefined;

    const letters = await kafka.readAll(dlq);
    const reasons = letters
      .map(
        (l) =>
          `${String(l.headers?.[DEAD_LETTER_HEADERS.code])}: ${String(l.headers?.[DEAD_LETTER_HEADERS.reason])}`,
      )
      .sort();
    expect(letters).toHaveLength(4);
    for (const letter of letters) {
      expect(String(letter.headers?.[DEAD_LETTER_HEADERS.sourceTopic])).toBe(topic);
    }
    console.log(`payout results dead letters:\n${reasons.join('\n')}`);
    expect(reasons.filter((r) => r.startsWith('invalid-input: ')).length).toBe(2);

    const written = await store.open();
    const types: string[] = [];
    for await (const recorded of written.readStream('payouts'))
      types.push(fromRecorded(recorded).type);
    await written.close();
    expect(types.filter((t) => t === 'PayoutCompleted')).toHaveLength(16);
    expect(types.filter((t) => t === 'PayoutFailed')).toHaveLength(4);
  });
});
