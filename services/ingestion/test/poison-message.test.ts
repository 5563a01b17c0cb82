import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEAD_LETTER_HEADERS, STORE_FAILED_CODE } from '@rebate/trade-source';
import type { IngestionService } from '../src/ingestion-service';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import type { TestStore } from './support/store';
import { scrapeCounter, startInProcess } from './support/service';

const POISON = 'T-poison';

/**
 * A trigger that refuses, for good, the events of one trade: a deterministic store failure
 * that the decoders cannot see (as a NUL in a jsonb string was on PostgreSQL).
 */
const installRefusingTrigger = async (store: TestStore): Promise<void> => {
  const opened = await store.open(); // runs the migrations
  await opened.close();
  const url = store.env['DATABASE_URL'];
  if (store.env['EVENT_STORE'] === 'postgres' && url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${store.env['DATABASE_SCHEMA']}"`);
      await client.query(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data->>'tradeId' = '${POISON}' THEN
            RAISE EXCEPTION 'refused by the test trigger';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON events
          FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(join(String(store.env['DATA_DIR']), 'events.sqlite'));
  try {
    db.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON events
      WHEN json_extract(NEW.data, '$.tradeId') = '${POISON}'
      BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END;`);
  } finally {
    db.close();
  }
};

describe('a message the store always refuses (real broker and store)', () => {
  let service: IngestionService | undefined;
  const context = useBrokerAndStore(async () => {
    await service?.stop();
    service = undefined;
  });

  test('is dead-lettered with the store error after bounded retries; every other trade is stored; the service stays up', async () => {
    const { kafka, store } = context;
    await installRefusingTrigger(store);
    const topic = freshName('trades');
    const deadLetterTopic = freshName('trades-dlq');
    const groupId = freshName('ingestion');
    await kafka.createTopic(topic, 1);
    await kafka.createTopic(deadLetterTopic, 1);
    const trade = (tradeId: string) => ({
      key: 'C01',
      value: JSON.stringify({
        type: 'trade-closed',
        tradeId,
        clientId: 'C01',
        accountType: 'FIXED',
        symbol: 'EURUSD',
        lots: '1.00',
        closedAt: '2026-01-05T10:00:00Z',
      }),
    });
    const ids = Array.from({ length: 40 }, (_, i) => (i === 17 ? POISON : `T-${i}`));
    await kafka.publish(topic, ids.map(trade));

    const started = Date.now();
    service = await startInProcess({
      ...store.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: deadLetterTopic,
      KAFKA_GROUP_ID: groupId,
      HANDLER_MAX_ATTEMPTS: '3',
      HANDLER_RETRY_INITIAL_MS: '20',
      HANDLER_RETRY_MAX_MS: '100',
    });
    await kafka.waitUntilConsumed(groupId, topic, { timeoutMs: 60_000 });
    const seconds = (Date.now() - started) / 1000;

    const letters = await kafka.readAll(deadLetterTopic);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.code])).toBe(STORE_FAILED_CODE);
    expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.sourceOffset])).toBe('17');
    expect(String(letter?.headers?.[DEAD_LETTER_HEADERS.reason])).toMatch(
      /^the store failed on this message 3 times while it answered other requests: .*refused by the test trigger/,
    );
    expect(letter?.value?.toString()).toBe(trade(POISON).value);
    const port = service.metricsPort;
    expect(await scrapeCounter(port, 'rebate_ingestion_trades_accrued_total')).toBe(39);
    expect(
      await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status),
    ).toBe(200);
    console.log(
      `poison on ${store.label}: 39 trades stored, 1 dead-lettered (${STORE_FAILED_CODE}) in ${seconds.toFixed(1)} s`,
    );
  });
});
