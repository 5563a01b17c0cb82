import { DEAD_LETTER_HEADERS } from '@rebate/trade-source';
import type { IngestionService } from '../src/ingestion-service';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { applyCommands, balancesOf, expectedFor, ledgerFacts } from './support/ledger';
import { testSeed } from './support/random';
import { generateScenario } from './support/scenario';
import { scrapeCounter, startInProcess } from './support/service';

const bytes = (value: Buffer | string | null): string =>
  value === null ? '<null>' : Buffer.from(value).toString('hex');

describe('Kafka ingestion end to end (real broker)', () => {
  let service: IngestionService | undefined;
  const context = useBrokerAndStore(async () => {
    await service?.stop();
    service = undefined;
  });

  test('balances equal the reference run; duplicates counted; every rejection on the DLQ with its reason and original bytes', async () => {
    const { kafka, store } = context;
    const scenario = generateScenario(testSeed('end to end'), {
      trades: 2000,
      duplicateRate: 0.1,
      conflictRate: 0.02,
      cancelRate: 0.1,
      malformed: 40,
    });
    const topic = freshName('trades');
    const deadLetterTopic = freshName('trades-dlq');
    const groupId = freshName('ingestion');
    await kafka.createTopic(topic, 3);
    await kafka.createTopic(deadLetterTopic, 2);
    const setup = await store.open();
    await applyCommands(setup, scenario.commands);
    await setup.close();
    await kafka.publish(topic, scenario.messages);
    const expected = await expectedFor(scenario);

    service = await startInProcess({
      ...store.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: deadLetterTopic,
      KAFKA_GROUP_ID: groupId,
      KAFKA_BATCH_SIZE: '500',
    });
    await kafka.waitUntilConsumed(groupId, topic);
    const port = service.metricsPort;
    expect(await scrapeCounter(port, 'rebate_ingestion_duplicates_total')).toBe(
      expected.duplicates,
    );
    expect(await scrapeCounter(port, 'rebate_ingestion_dead_lettered_total')).toBe(
      expected.rejected.length,
    );
    expect(await scrapeCounter(port, 'rebate_ingestion_messages_consumed_total')).toBe(
      scenario.messages.length,
    );
    await service.stop();
    service = undefined;

    const written = await store.open();
    try {
      const actual = await ledgerFacts(written);
      expect(balancesOf(actual.report)).toEqual(balancesOf(expected.report));
      expect(actual.accrued).toBe(expected.accrued);
      expect(actual.reversed).toBe(expected.reversed);
    } finally {
      await written.close();
    }

    const letters = await kafka.readAll(deadLetterTopic);
    expect(letters).toHaveLength(expected.rejected.length);
    const header = (headers: Record<string, unknown> | undefined, name: string) =>
      String(headers?.[name] ?? '');
    const published = letters.map((letter) => ({
      key: letter.key?.toString('utf8'),
      value: bytes(letter.value),
      reason: header(letter.headers, DEAD_LETTER_HEADERS.reason),
      code: header(letter.headers, DEAD_LETTER_HEADERS.code),
      topic: header(letter.headers, DEAD_LETTER_HEADERS.sourceTopic),
      offset: header(letter.headers, DEAD_LETTER_HEADERS.sourceOffset),
    }));
    const wanted = expected.rejected.map(({ message, reason }) => {
      const sent = scenario.messages[message];
      if (!sent) throw new Error(`no message ${message}`);
      return {
        key: String(sent.key),
        value: bytes(sent.value),
        reason: sent.reason ?? reason,
      };
    });
    const sortKey = (l: { value: string; reason: string; key?: string }) =>
      `${l.value}|${l.reason}|${l.key}`;
    expect(
      published
        .map(({ key, value, reason }) => ({ key, value, reason }))
        .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    ).toEqual(wanted.sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
    for (const letter of published) {
      expect(letter.topic).toBe(topic);
      expect(letter.offset).toMatch(/^\d+$/);
      expect(letter.code).not.toBe('');
    }
    expect(scenario.messages.filter((m) => m.kind === 'malformed').length).toBeGreaterThan(0);
  });
});
