import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { LedgerCommands } from '@rebate/ledger';
import { Registry } from 'prom-client';
import {
  MemoryDeadLetterSink,
  MemoryTopic,
  MemoryTradeSource,
  type SourceBatch,
} from '@rebate/trade-source';
import { waitFor } from '@rebate/trade-source/contract';
import { IngestionMetrics } from '../src/metrics';
import { createTradeBatchHandler } from '../src/trade-batch-handler';
import { applyCommands } from './support/ledger';

const terms = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
].map((line) => JSON.stringify(line));

const trade = (tradeId: string, lots = '1') =>
  JSON.stringify({
    type: 'trade-closed',
    tradeId,
    clientId: 'C1',
    accountType: 'FIXED',
    symbol: 'EURUSD',
    lots,
    closedAt: '2026-09-01T10:00:00Z',
  });

describe('trade batch handler (in-memory source, SQLite store)', () => {
  test('one batch: applied, duplicate, conflict and malformed messages get the right dispositions and counts', async () => {
    const store = openSqliteEventStore({ path: ':memory:' });
    await applyCommands(store, terms);
    const registry = new Registry();
    const metrics = new IngestionMetrics(registry);
    const handler = createTradeBatchHandler(
      new LedgerCommands(store, { payables: async () => ({ payables: [], position: undefined }) }),
      metrics,
    );
    const calls: number[] = [];
    const counting = async (batch: SourceBatch) => {
      calls.push(batch.messages.length);
      return handler(batch);
    };
    const topic = new MemoryTopic('trades', 1);
    topic.publish(
      [
        trade('T1'),
        trade('T1'),
        trade('T1', '2'),
        '{oops',
        trade('T2'),
        '{"type":"trade-cancelled","tradeId":"T2","at":"2026-09-01T11:00:00Z"}',
      ].map((value) => ({
        key: 'C1',
        value,
      })),
    );
    const sink = new MemoryDeadLetterSink();
    const source = new MemoryTradeSource(topic, {
      groupId: 'g',
      deadLetters: sink,
      maxBatchSize: 100,
    });
    await source.start(counting);
    await waitFor(
      () => topic.positions('g')[0] === 6,
      5000,
      () => 'not settled',
    );
    await source.stop();

    expect(calls).toEqual([6]); // the whole batch in one executeTrades call
    expect(sink.letters.map((l) => [l.message.offset, l.code, l.reason])).toEqual([
      ['2', 'conflicting-trade', expect.stringContaining('T1')],
      ['3', 'invalid-input', 'not a JSON object'],
    ]);
    const value = async (name: string) =>
      (await registry.getSingleMetric(name)?.get())?.values.reduce((a, v) => a + v.value, 0);
    expect(await value('rebate_ingestion_trades_accrued_total')).toBe(2);
    expect(await value('rebate_ingestion_trades_cancelled_total')).toBe(1);
    expect(await value('rebate_ingestion_duplicates_total')).toBe(1);
    expect(await value('rebate_ingestion_dead_lettered_total')).toBe(2);
    expect(await value('rebate_ingestion_messages_consumed_total')).toBe(6);
    await store.close();
  });
});
