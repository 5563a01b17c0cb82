/**
 * End to end on PostgreSQL: trades published to the real broker, consumed by the built ingestion
 * service, decided and appended, projected into the read models by the built API service
 * (`rebate serve`, which runs the projections), and read back through the HTTP API.
 *
 * Phase 1, sustained: a backlog published as fast as the producer goes; trades/s from the first
 * publish until the consumer group has committed the end of the topic and every projection's
 * checkpoint has reached the store's head.
 * Phase 2, latency: a fixed offered load (default 2,000 trades/s); probe trades for dedicated
 * clients are timed from just before their publish to the moment the API shows them in the
 * client's balance (p50, p99, max), and a per-second timeline is kept for the plot.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { mintToken } from '../../services/api/src/auth/mint-token';
import { runScenario } from '@rebate/ledger';
import { openEventStore } from '@rebate/runtime';
import {
  CLI,
  INGESTION,
  type RssFigures,
  ServiceChild,
  progress,
  progressDone,
  sleep,
} from './processes';
import { type Scenario, instantAt } from './scenario';

export interface PipelineOptions {
  readonly databaseUrl: string;
  readonly brokers: string[];
  readonly scenario: Scenario;
  /** Messages of the flow published in phase 1. */
  readonly sustainedMessages: number;
  readonly offeredPerSecond: number;
  readonly latencySeconds: number;
  readonly partitions: number;
  readonly batchSize: number;
}

export interface TimelinePoint {
  second: number;
  published: number;
  projectedEvents: number;
  p99Ms: number | undefined;
}

export interface PipelineFigures {
  sustainedMessages: number;
  sustainedSeconds: number;
  tradesPerSecond: number;
  storedTradeEvents: number;
  offeredPerSecond: number;
  achievedOfferedPerSecond: number;
  latency: { probes: number; p50Ms: number; p99Ms: number; maxMs: number };
  timeline: TimelinePoint[];
  rss: { ingestion: RssFigures; api: RssFigures };
  topic: string;
  topicMessages: number;
  eventSchema: string;
}

const PROBES = 10;
const probeClient = (k: number) => `Q${k}`;

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The lowest projection checkpoint and the store's head, straight from PostgreSQL. */
class Progress {
  constructor(
    private readonly client: Client,
    private readonly eventSchema: string,
    private readonly readSchema: string,
  ) {}

  async positions(): Promise<{ head: bigint; projected: bigint }> {
    const head = await this.client.query<{ p: string | null }>(
      `SELECT max(position)::text AS p FROM "${this.eventSchema}".events`,
    );
    const projected = await this.client.query<{ p: string | null }>(
      `SELECT min(position)::text AS p FROM "${this.readSchema}".projection_checkpoints`,
    );
    return { head: BigInt(head.rows[0]?.p ?? 0), projected: BigInt(projected.rows[0]?.p ?? 0) };
  }
}

export const runPipeline = async (options: PipelineOptions): Promise<PipelineFigures> => {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const eventSchema = `bench_${run}`;
  const readSchema = `bench_${run}_rm`;
  const topic = `bench.${run}`;
  const kafka = new Kafka({
    brokers: options.brokers,
    clientId: 'bench',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: options.partitions, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();

  // The agreements, through the ledger, before any trade; plus the probe clients.
  const store = await openEventStore({
    kind: 'postgres',
    connectionString: options.databaseUrl,
    schema: eventSchema,
    poolSize: undefined,
  });
  const probeSetup = Array.from({ length: PROBES }, (_, k) =>
    JSON.stringify({
      type: 'attach-client',
      partnerId: options.scenario.partners[0],
      clientId: probeClient(k),
      at: instantAt(3),
    }),
  );
  const setupReport = await runScenario([...options.scenario.setup, ...probeSetup], store, {
    tradeBatchSize: 1000,
  });
  if (setupReport.rejected.length > 0)
    throw new Error(`setup rejected: ${JSON.stringify(setupReport.rejected.slice(0, 3))}`);
  await store.close();

  const secret = randomBytes(32).toString('hex');
  const apiPort = await freePort();
  const common = {
    EVENT_STORE: 'postgres',
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: eventSchema,
    LOG_LEVEL: 'warn',
  };
  const api = new ServiceChild('api', [CLI, 'serve'], {
    ...common,
    READ_MODELS_SCHEMA: readSchema,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    JWT_SECRET: secret,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rebate-bench-api-')),
  });
  const ingestion = new ServiceChild('ingestion', [INGESTION], {
    ...common,
    KAFKA_BROKERS: options.brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_DLQ_TOPIC: `${topic}.dlq`,
    KAFKA_GROUP_ID: `bench-${run}`,
    KAFKA_BATCH_SIZE: String(options.batchSize),
    KAFKA_MAX_BYTES_PER_PARTITION: String(Math.max(1024 * 1024, options.batchSize * 400)),
    METRICS_PORT: String(await freePort()),
    METRICS_HOST: '127.0.0.1',
  });
  const token = await mintToken({ secret, role: 'admin', subject: 'bench' });
  const base = `http://127.0.0.1:${apiPort}`;
  const tradesOf = async (clientId: string): Promise<number | undefined> => {
    try {
      const response = await fetch(`${base}/v1/clients/${clientId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) return undefined;
      return ((await response.json()) as { trades: number }).trades;
    } catch {
      return undefined;
    }
  };
  const pg = new Client({ connectionString: options.databaseUrl });
  await pg.connect();
  const positions = new Progress(pg, eventSchema, readSchema);
  try {
    const deadline = Date.now() + 120_000;
    while ((await tradesOf(probeClient(PROBES - 1))) === undefined) {
      if (!api.alive) throw new Error(`the API exited:\n${api.tail()}`);
      if (Date.now() > deadline) throw new Error(`the API did not answer:\n${api.tail()}`);
      await sleep(200);
    }

    // Warm-up: one probe trade end to end proves the consumer has joined.
    let probeSeq = 0;
    const probeCounts = new Array<number>(PROBES).fill(0);
    const probeMessage = (k: number) => {
      probeSeq += 1;
      probeCounts[k]! += 1;
      const closed = 200 + probeSeq;
      return {
        key: probeClient(k),
        value: JSON.stringify({
          type: 'trade-closed',
          tradeId: `Q-${run}-${probeSeq}`,
          clientId: probeClient(k),
          accountType: 'FIXED',
          symbol: 'EURUSD',
          lots: '0.01',
          closedAt: instantAt(closed),
          openedAt: instantAt(closed - 120),
        }),
      };
    };
    await producer.send({ topic, acks: -1, messages: [probeMessage(0)] });
    while ((await tradesOf(probeClient(0))) !== 1) {
      if (!ingestion.alive) throw new Error(`ingestion exited:\n${ingestion.tail()}`);
      await sleep(100);
    }

    const flow = options.scenario.flow.filter(
      (f) => f.kind === 'trade' || f.kind === 'duplicate' || f.kind === 'cancel',
    ) as { key: string; line: string }[];
    let cursor = 0;
    const take = (n: number) => {
      const slice = flow.slice(cursor, cursor + n).map((f) => ({ key: f.key, value: f.line }));
      cursor += slice.length;
      return slice;
    };
    const caughtUp = async (): Promise<boolean> => {
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: `bench-${run}`, topics: [topic] }),
      ]);
      const done = new Map(
        (committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
      );
      if (!ends.every((e) => (done.get(e.partition) ?? -1n) >= BigInt(e.high))) return false;
      const { head, projected } = await positions.positions();
      return projected >= head;
    };

    // Phase 1: sustained.
    const sustained = Math.min(options.sustainedMessages, flow.length);
    const started = process.hrtime.bigint();
    const publishing = (async () => {
      while (cursor < sustained)
        await sendAll(producer, topic, take(Math.min(5000, sustained - cursor)));
    })();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    while (!(cursor >= sustained && (await caughtUp()))) {
      if (!ingestion.alive || !api.alive)
        throw new Error(`a service exited:\n${ingestion.tail()}\n${api.tail()}`);
      const { projected } = await positions.positions();
      progress(
        `pipeline sustained: published ${cursor.toLocaleString()}/${sustained.toLocaleString()}, projected position ${projected}, ${elapsed().toFixed(0)} s`,
      );
      await sleep(250);
    }
    await publishing;
    const sustainedSeconds = elapsed();
    progressDone(
      `pipeline sustained: ${sustained.toLocaleString()} messages in ${sustainedSeconds.toFixed(1)} s`,
    );

    // Phase 2: fixed offered load with probes.
    const latencies: { at: number; ms: number }[] = [];
    const outstanding: { k: number; count: number; sentAt: number }[] = [];
    const timeline: TimelinePoint[] = [];
    let published = 0;
    let stop = false;
    const poller = (async () => {
      while (!stop || outstanding.length > 0) {
        const clients = [...new Set(outstanding.map((o) => o.k))];
        await Promise.all(
          clients.map(async (k) => {
            const seen = await tradesOf(probeClient(k));
            if (seen === undefined) return;
            const now = performance.now();
            for (let i = outstanding.length - 1; i >= 0; i -= 1) {
              const o = outstanding[i]!;
              if (o.k === k && o.count <= seen) {
                latencies.push({ at: now, ms: now - o.sentAt });
                outstanding.splice(i, 1);
              }
            }
          }),
        );
        await sleep(5);
      }
    })();
    const phaseStart = performance.now();
    let lastProjected = (await positions.positions()).projected;
    let second = 0;
    const sampler = setInterval(() => {
      void positions.positions().then(({ projected }) => {
        second += 1;
        const now = performance.now();
        const recent = latencies
          .filter((l) => l.at > now - 1000)
          .map((l) => l.ms)
          .sort((a, b) => a - b);
        timeline.push({
          second,
          published,
          projectedEvents: Number(projected - lastProjected),
          p99Ms: recent.length ? percentile(recent, 99) : undefined,
        });
        lastProjected = projected;
        progress(
          `pipeline latency: ${second}/${options.latencySeconds} s, published ${published.toLocaleString()}, probes ${latencies.length}`,
        );
      });
    }, 1000);
    const TICK_MS = 50;
    let tick = 0;
    while (performance.now() - phaseStart < options.latencySeconds * 1000) {
      const due = Math.floor(((performance.now() - phaseStart) / 1000) * options.offeredPerSecond);
      const messages = take(Math.max(0, due - published - 1));
      if (cursor >= flow.length) cursor = 0; // wrap: repeats are duplicates, still decided and projected
      const k = tick % PROBES;
      const probe = probeMessage(k);
      outstanding.push({ k, count: probeCounts[k]!, sentAt: performance.now() });
      await producer.send({ topic, acks: -1, messages: [...messages, probe] });
      published += messages.length + 1;
      tick += 1;
      const wait = phaseStart + tick * TICK_MS - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const phaseSeconds = (performance.now() - phaseStart) / 1000;
    stop = true;
    const drainDeadline = Date.now() + 120_000;
    while (outstanding.length > 0 && Date.now() < drainDeadline) await sleep(50);
    clearInterval(sampler);
    stop = true;
    outstanding.splice(0);
    await poller;
    progressDone(
      `pipeline latency: ${published.toLocaleString()} messages in ${phaseSeconds.toFixed(1)} s, ${latencies.length} probes`,
    );
    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    const stored = await pg.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "${eventSchema}".events WHERE stream_id LIKE 'trade-%'`,
    );
    const topicMessages = (await admin.fetchTopicOffsets(topic)).reduce(
      (sum, p) => sum + Number(p.high),
      0,
    );
    return {
      sustainedMessages: sustained,
      sustainedSeconds,
      tradesPerSecond: Math.round(sustained / sustainedSeconds),
      storedTradeEvents: Number(stored.rows[0]?.n ?? 0),
      offeredPerSecond: options.offeredPerSecond,
      achievedOfferedPerSecond: Math.round(published / phaseSeconds),
      latency: {
        probes: sorted.length,
        p50Ms: Math.round(percentile(sorted, 50)),
        p99Ms: Math.round(percentile(sorted, 99)),
        maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
      },
      timeline,
      rss: { ingestion: ingestion.rssFigures(), api: api.rssFigures() },
      topic,
      topicMessages,
      eventSchema,
    };
  } finally {
    await Promise.all([ingestion.stop(), api.stop()]);
    await pg.end();
    await producer.disconnect();
    await admin.disconnect();
  }
};

const sendAll = async (
  producer: Producer,
  topic: string,
  messages: { key: string; value: string }[],
) => {
  for (let at = 0; at < messages.length; at += 1000) {
    await producer.send({ topic, acks: -1, messages: messages.slice(at, at + 1000) });
  }
};

export const dropPipelineSchemas = async (url: string, eventSchema: string): Promise<void> => {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  await pg.query(`DROP SCHEMA IF EXISTS "${eventSchema}" CASCADE`);
  await pg.query(`DROP SCHEMA IF EXISTS "${eventSchema}_rm" CASCADE`);
  await pg.end();
};
