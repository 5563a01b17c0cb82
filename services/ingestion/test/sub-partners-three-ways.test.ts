import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { type SimulationReport, runScenario } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance } from '@rebate/read-models';
import { type Line, propertySeed, timeAt, tradesAfterTerms } from '@rebate/test-support';
import {
  sqliteBackend,
  clientsOf,
  partnersOf,
  positionOf,
  startTestApi,
} from '@rebate/test-support/api';
import type { IngestionService } from '../src/ingestion-service';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';
import { ledgerFacts } from './support/ledger';
import { startInProcess } from './support/service';

/**
 * Rules sections 11-13 on every path: random scenarios with sub-partner trees, override rates,
 * qualification and symbol rates (the ledger's `tradesAfterTerms`: every term first, then trades,
 * so the outcome cannot depend on the order Kafka's partitions are consumed in; each parent also
 * sets a default override rate at the start, so overrides flow in most runs), plus voids of some
 * trades, run through the built `rebate simulate`, the HTTP API (`POST /v1/commands`, read
 * back from the read models) and Kafka ingestion (terms applied to the service's store, trades
 * and voids published keyed by clientId), give the same figures per partner (trades, lots,
 * remuneration, rebates, overridesPaid, overridesReceived, net) and per client. Few runs: the
 * Kafka part stays short. Replay a failure with FC_SEED=<seed printed below>.
 */

const RUNS = Number(process.env['FC_RUNS'] ?? 4);
const CLI = join(__dirname, '../../cli/dist/main.js');

/** Every parent the setup registered sets a default override rate before any other command. */
const withOverrides = (terms: readonly Line[]) => {
  const parents = [
    ...new Set(
      terms.flatMap((line) => (typeof line['parentId'] === 'string' ? [line['parentId']] : [])),
    ),
  ];
  return fc
    .array(fc.integer({ min: 1, max: 10_000 }), {
      minLength: parents.length,
      maxLength: parents.length,
    })
    .map((percents) => {
      const rates = parents.map((partnerId, i) => ({
        type: 'set-override-rate',
        partnerId,
        percent: ((percents[i] as number) / 100).toFixed(2),
        at: timeAt(0),
      }));
      // Right after the registrations (the setup's first attachment follows them), so that no
      // earlier command of the same partner makes them back-dated.
      const cut = terms.findIndex((line) => line['type'] === 'attach-client');
      return [...terms.slice(0, cut), ...rates, ...terms.slice(cut)];
    });
};

const withVoids = tradesAfterTerms.chain(({ terms, trades }) =>
  fc
    .tuple(withOverrides(terms), fc.subarray(trades, { maxLength: Math.min(4, trades.length) }))
    .map(([rated, voided]) => ({
      terms: rated,
      trades: [
        ...trades,
        ...voided.map((trade) => ({
          type: 'trade-cancelled',
          tradeId: trade['tradeId'],
          at: timeAt(100_000),
        })),
      ] as Line[],
    })),
);

/** Trades and voids as upstream publishes them: key clientId (a void's is its trade's). */
const messagesOf = (trades: readonly Line[]) => {
  const clientOf = new Map(
    trades.flatMap((line) =>
      line['type'] === 'trade-closed' ? [[line['tradeId'], line['clientId']] as const] : [],
    ),
  );
  return trades.map((line) => ({
    key: String(line['clientId'] ?? clientOf.get(line['tradeId'])),
    value: JSON.stringify(line),
  }));
};

const figuresOf = (report: Pick<SimulationReport, 'partners' | 'clients'>) => ({
  partners: partnersOf(report.partners),
  clients: clientsOf(report.clients),
});

const simulateCli = (path: string): Promise<SimulationReport> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, 'simulate', path], (error, stdout, stderr) =>
      error ? reject(new Error(`rebate simulate: ${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });

describe('sub-partner scenarios: rebate simulate, the API and Kafka agree', () => {
  let service: IngestionService | undefined;
  const context = useBrokerAndStore(async () => {
    await service?.stop();
    service = undefined;
  });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sub-partners-three-ways-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const seed = propertySeed('sub-partners: simulate = API = Kafka');
  const scenarios = fc.sample(withVoids, { seed, numRuns: RUNS });

  test.each(scenarios.map((scenario, run) => [run, scenario] as const))(
    'scenario %i: the same figures per partner and per client on every path',
    async (run, { terms, trades }) => {
      const lines = [...terms, ...trades].map((line) => JSON.stringify(line));
      const file = join(dir, `scenario-${run}.ndjson`);
      writeFileSync(file, `${lines.join('\n')}\n`);

      // rebate simulate, as a process, and the ledger's runScenario it wraps.
      const simulated = await simulateCli(file);
      const reference = openSqliteEventStore({ path: ':memory:' });
      const expected = await runScenario(lines, reference).finally(() => reference.close());
      expect(figuresOf(simulated)).toEqual(figuresOf(expected));
      const overrides = expected.partners.filter((p) => p.overridesReceived !== '0').length;

      // The HTTP API, read back from the read models.
      const api = await startTestApi(sqliteBackend);
      try {
        const imported = await api.call('POST', '/v1/commands', {
          as: 'admin',
          raw: lines.join('\n'),
          contentType: 'application/x-ndjson',
        });
        expect(imported.status).toBe(200);
        const read = `minPosition=${positionOf(imported.json)}`;
        const partners = await api.call('GET', `/v1/partners?${read}`, { as: 'finance' });
        const clients = await api.call('GET', `/v1/clients?${read}`, { as: 'finance' });
        expect(
          figuresOf({
            partners: (partners.json as { items: PartnerBalance[] }).items,
            clients: (clients.json as { items: ClientBalance[] }).items,
          }),
        ).toEqual(figuresOf(expected));
      } finally {
        await api.close();
      }

      // Kafka: the terms through the ledger on the service's store, then the messages.
      const { kafka, store } = context;
      const setup = await store.open();
      await runScenario(
        terms.map((line) => JSON.stringify(line)),
        setup,
        { runId: `terms-${run}` },
      ).finally(() => setup.close());
      const topic = freshName('sub-partner-trades');
      const groupId = freshName('sub-partner-ingestion');
      await kafka.createTopic(topic, 3);
      const dlq = freshName('sub-partner-dlq');
      await kafka.publish(topic, messagesOf(trades));
      service = await startInProcess({
        ...store.env,
        KAFKA_BROKERS: kafka.brokers.join(','),
        KAFKA_TOPIC: topic,
        KAFKA_DLQ_TOPIC: dlq,
        KAFKA_GROUP_ID: groupId,
      });
      await kafka.waitUntilConsumed(groupId, topic);
      await service.stop();
      service = undefined;
      const written = await store.open();
      try {
        expect(figuresOf((await ledgerFacts(written)).report)).toEqual(figuresOf(expected));
      } finally {
        await written.close();
      }
      console.log(
        `[sub-partners] scenario ${run}: ${lines.length} lines, ${overrides} partners receiving overrides`,
      );
    },
  );
});
