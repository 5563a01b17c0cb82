import type { EventStore } from '@rebate/event-store';
import { deferred, withHeldStreamRead } from '@rebate/test-support';
import { decodeLine } from '@rebate/domain';
import { AGREEMENTS_STREAM, LedgerCommands, fromRecorded, tradeStream } from '@rebate/ledger';
import {
  KafkaDeadLetterSink,
  KafkaTradeSource,
  createKafkaClient,
  defaultKafkaSourceOptions,
} from '@rebate/trade-source-kafka';
import type { BatchHandler } from '@rebate/trade-source';
import { isLeft } from 'fp-ts/Either';
import { Partitioners } from 'kafkajs';
import { Registry } from 'prom-client';
import { IngestionMetrics } from '../src/metrics';
import { createTradeBatchHandler } from '../src/trade-batch-handler';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { applyCommands } from './support/ledger';

/**
 * Why the ingestion can share one `LedgerCommands` across the partitions it consumes
 * concurrently (it once lent each batch in flight its own instance instead).
 *
 * The agreement cache (`StreamFold.catchUp`) lets overlapping calls share reads, so no event is
 * folded twice. A batch that simply joined a read already in flight would get the book as that
 * read found it: a terms change committed after the read began and before the batch started
 * would be missing. Here a trade of P1 on partition 1 is consumed after P1's rate change has
 * been committed, while a batch of partition 0 (also P1) holds a read of the agreements stream
 * that began before the change. The read is held by a store wrapper that delays its answer (the
 * store and the broker are real; only a slow database is simulated), so the interleaving is the
 * same on every run. The cache makes such a call wait for the read in flight and share the one
 * after it, so the trade gets the new rate (`packages/ledger/test/commands/stream-fold.test.ts`
 * shows the same without a broker, and fails on a cache that only joins the read in flight).
 */

const lines = (items: readonly object[]) => items.map((item) => JSON.stringify(item));
const setup = lines([
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '10', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C2', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '10', at: '2026-09-01T00:00:00Z' },
]);
/** P1's rate from 10 % to 50 %, in force from 01:00, long before the trades close. */
const rateChange = {
  type: 'set-rebate-rate',
  partnerId: 'P1',
  percent: '50',
  at: '2026-09-01T01:00:00Z',
};

const trade = (tradeId: string, clientId: string) =>
  JSON.stringify({
    type: 'trade-closed',
    tradeId,
    clientId,
    accountType: 'FIXED',
    symbol: 'EURUSD',
    lots: '1',
    closedAt: '2026-09-01T10:00:00Z',
  });

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let stop: (() => Promise<void>) | undefined;
const env = useBrokerAndStore(async () => {
  await stop?.();
  stop = undefined;
});

type Ledgers = (store: EventStore) => Parameters<typeof createTradeBatchHandler>[0];
/** What the service does: one `LedgerCommands` for every partition. */
const shared: Ledgers = (store) =>
  new LedgerCommands(store, { payables: async () => ({ payables: [], position: undefined }) });

/** Runs the race; answers the percent each trade was accrued at. */
const race = async (ledgers: Ledgers): Promise<{ before: string; after: string }> => {
  const store = await env.store.open();
  const topic = freshName('agreement-race');
  await env.kafka.createTopic(topic, 2);
  await env.kafka.createTopic(`${topic}.dlq`, 1);
  await applyCommands(store, setup);

  // Partition 0: a trade of P1. Partition 1: a message that is no trade (its batch asks the
  // ledger nothing) and is held until the change is committed, then a trade of P1. Published
  // before the consumer starts, so one fetch brings both partitions and they run side by side
  // (a partition's messages one at a time: KAFKA_BATCH_SIZE 1).
  const producer = env.kafka.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: [
      { partition: 0, key: 'before', value: trade('T-before', 'C1') },
      { partition: 1, key: 'pause', value: 'not a trade' },
      { partition: 1, key: 'after', value: trade('T-after', 'C2') },
    ],
  });
  await producer.disconnect();

  const gate = withHeldStreamRead(store, AGREEMENTS_STREAM, { armed: false });
  const paused = deferred();
  const resume = deferred();
  const afterAsked = deferred();
  const handler = createTradeBatchHandler(
    ledgers(gate.store),
    new IngestionMetrics(new Registry()),
  );
  const watched: BatchHandler = async (batch) => {
    const keys = batch.messages.map((message) => message.key?.toString());
    if (keys.includes('pause')) {
      paused.resolve();
      await resume.promise;
    }
    const answer = handler(batch); // has asked the agreement cache for the book by now
    if (keys.includes('after')) afterAsked.resolve();
    return answer;
  };
  const groupId = freshName('agreement-race-group');
  const kafka = createKafkaClient({ brokers: env.kafka.brokers, clientId: 'race', logger: quiet });
  const deadLetters = new KafkaDeadLetterSink(kafka, `${topic}.dlq`);
  const source = new KafkaTradeSource(kafka, deadLetters, {
    ...defaultKafkaSourceOptions,
    brokers: env.kafka.brokers,
    clientId: 'race',
    topic,
    deadLetterTopic: `${topic}.dlq`,
    groupId,
    maxBatchSize: 1,
    partitionsConcurrently: 2,
    maxWaitTimeMs: 100,
    sessionTimeoutMs: 6000,
    handlerBackoff: { initialMs: 20, maxMs: 50, maxAttempts: 3 },
    logger: quiet,
  });
  stop = async () => {
    resume.resolve();
    gate.release();
    await source.stop();
    await deadLetters.close();
    await store.close();
  };

  gate.arm(); // the first read of the agreements stream is held: T-before's
  await source.start(watched, { probe: () => store.headPosition() });
  await Promise.all([gate.taken, paused.promise]);
  // The change is committed (by another writer, as the API would) while T-before's read is
  // held and before T-after is consumed.
  const change = decodeLine(JSON.stringify(rateChange));
  if (isLeft(change)) throw new Error(change.left);
  const api = new LedgerCommands(store, {
    payables: async () => ({ payables: [], position: undefined }),
  });
  expect((await api.execute(change.right, { commandId: 'rate-change' })).kind).toBe('applied');
  resume.resolve();
  await afterAsked.promise;
  gate.release();
  await env.kafka.waitUntilConsumed(groupId, topic);

  const percentOf = async (tradeId: string): Promise<string> => {
    for await (const recorded of store.readStream(tradeStream(tradeId))) {
      const event = fromRecorded(recorded);
      if (event.type === 'RebateAccrued') return event.percent.toFixed();
    }
    throw new Error(`${tradeId} was not accrued`);
  };
  return { before: await percentOf('T-before'), after: await percentOf('T-after') };
};

describe('agreement changes racing trades of the same partner on two partitions (real broker)', () => {
  test('one shared LedgerCommands: a trade consumed after the change is accrued at the new rate', async () => {
    // T-before's read began before the change (they were concurrent): the old rate is right.
    // T-after was consumed after the 50 % was committed: it must not get the 10 % of that read.
    expect(await race(shared)).toEqual({ before: '10', after: '50' });
  });
});
