import { DEAD_LETTER_HEADERS } from '@rebate/trade-source';
import { type TestKafka, freshName } from './kafka';
import { type Expected, applyCommands, balancesOf, expectedFor, ledgerFacts } from './ledger';
import { type IngestionScenario, type ScenarioShape, generateScenario } from './scenario';
import type { ServiceEnv } from './service';
import type { TestStore } from './store';

/** A scenario published to fresh topics, its terms in a fresh store, and what must come out. */
export interface Fixture {
  readonly scenario: IngestionScenario;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  /** The service's environment for this fixture (store, topics, group). */
  readonly env: ServiceEnv;
  /**
   * Computed before the service starts: the reference run is synchronous SQLite work that would
   * otherwise stall this process's polling of the group's progress.
   */
  readonly expected: Expected;
}

export const prepareFixture = async (
  kafka: TestKafka,
  store: TestStore,
  seed: number,
  shape: ScenarioShape & { readonly partitions: number; readonly publish?: boolean },
): Promise<Fixture> => {
  const scenario = generateScenario(seed, shape);
  const topic = freshName('trades');
  const deadLetterTopic = freshName('trades-dlq');
  const groupId = freshName('ingestion');
  await kafka.createTopic(topic, shape.partitions);
  await kafka.createTopic(deadLetterTopic, 1);
  const setup = await store.open();
  try {
    await applyCommands(setup, scenario.commands);
  } finally {
    await setup.close();
  }
  if (shape.publish ?? true) await kafka.publish(topic, scenario.messages);
  const env = {
    ...store.env,
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_DLQ_TOPIC: deadLetterTopic,
    KAFKA_GROUP_ID: groupId,
  };
  return { scenario, topic, deadLetterTopic, groupId, env, expected: await expectedFor(scenario) };
};

/**
 * The ledger is exactly the reference: same balances, one accrual per unique attributed trade,
 * and every rejected message on the dead-letter topic (at least once: a crash between the
 * dead-letter publish and the offset commit publishes again; readers dedupe by source offset).
 */
export const expectExactLedger = async (
  kafka: TestKafka,
  store: TestStore,
  fixture: Fixture,
): Promise<void> => {
  const { expected } = fixture;
  const written = await store.open();
  try {
    const actual = await ledgerFacts(written);
    expect(balancesOf(actual.report)).toEqual(balancesOf(expected.report));
    expect(actual.accrued).toBe(expected.accrued);
    expect(actual.reversed).toBe(expected.reversed);
    expect(actual.accrued + actual.report.unattributed).toBe(fixture.scenario.uniqueTrades);
  } finally {
    await written.close();
  }
  const letters = await kafka.readAll(fixture.deadLetterTopic);
  const sources = new Set(
    letters.map(
      (letter) =>
        `${String(letter.headers?.[DEAD_LETTER_HEADERS.sourcePartition])}/${String(
          letter.headers?.[DEAD_LETTER_HEADERS.sourceOffset],
        )}`,
    ),
  );
  expect(sources.size).toBe(expected.rejected.length);
};
