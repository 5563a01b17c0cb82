/**
 * `pnpm bench`: one command, one run, one machine, the figures side by side (docs/benchmarks.md).
 *
 *   pnpm bench                 full run: writes docs/benchmarks.md (generated block) and the plot
 *   pnpm --silent bench --quick --json   a few minutes; prints one JSON object, writes nothing
 *
 * Env: DATABASE_URL (default: scripts/ensure-postgres.sh rebate_bench), KAFKA_BROKERS (default:
 * a broker of our own started by scripts/kafka-start.sh on BENCH_KAFKA_PORT, 9592), BENCH_SEED
 * (42), BENCH_BATCH_SIZE (ingestion KAFKA_BATCH_SIZE, 1000), BENCH_OFFERED (2000 trades/s),
 * BENCH_LATENCY_SECONDS (60; quick 15), BENCH_SUSTAINED (200,000 messages; quick 20,000),
 * BENCH_SIMULATE_LINES (1,000,000; quick 50,000). Progress goes to stderr when it is a TTY.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { copyCeiling, insertCeiling, kafkaConsumeCeiling, readStoredRows } from './ceilings';
import { benchDomain } from './domain';
import { ourAppends, peerEmmett } from './peer';
import { dropPipelineSchemas, runPipeline } from './pipeline';
import { timelineSvg } from './plot';
import { ROOT, progressDone } from './processes';
import { generateScenario } from './scenario';
import { benchSimulate } from './simulate';
import { renderReport } from './report';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
const num = (name: string, full: number, short: number) =>
  Number(process.env[name] ?? (quick ? short : full));

const say = (text: string) => {
  if (!asJson) process.stdout.write(`${text}\n`);
  else progressDone(text);
};

const ensureServices = (): { databaseUrl: string; brokers: string[] } => {
  const databaseUrl =
    process.env['DATABASE_URL'] ??
    execFileSync('bash', [join(ROOT, 'scripts/ensure-postgres.sh'), 'rebate_bench'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  let brokers = process.env['KAFKA_BROKERS'];
  if (brokers === undefined) {
    const port = process.env['BENCH_KAFKA_PORT'] ?? '9592';
    execFileSync('bash', [join(ROOT, 'scripts/kafka-start.sh'), '--port', port], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    brokers = `127.0.0.1:${port}`;
  }
  return { databaseUrl, brokers: brokers.split(',').map((b) => b.trim()) };
};

const machineFacts = async (databaseUrl: string) => {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const version =
    (await pg.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ??
    '?';
  const syncCommit =
    (await pg.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s")).rows[0]
      ?.s ?? '?';
  await pg.end();
  let kafka = '?';
  try {
    const jar = readdirSync(join(ROOT, 'infra/kafka/lib')).find((f) =>
      /^kafka-clients-.*\.jar$/.test(f),
    );
    kafka = jar?.replace(/^kafka-clients-|\.jar$/g, '') ?? '?';
  } catch {
    /* not fetched */
  }
  return {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres: version,
    synchronousCommit: syncCommit,
    kafka,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
};

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

const main = async () => {
  const seed = Number(process.env['BENCH_SEED'] ?? 42);
  const { databaseUrl, brokers } = ensureServices();
  const startedAt = new Date();
  const machineBefore = await machineFacts(databaseUrl);
  say(
    `bench seed ${seed}${quick ? ' (quick)' : ''}, load average ${machineBefore.loadAverage.join(' ')}`,
  );

  const domain = benchDomain(
    generateScenario(seed, { trades: num('BENCH_DOMAIN_TRADES', 500_000, 100_000) }),
  );
  say(`domain: ${domain.tradesPerSecond.toLocaleString()} trades/s`);

  const simulate = await benchSimulate(seed, num('BENCH_SIMULATE_LINES', 1_000_000, 50_000));
  say(
    `simulate: ${simulate.linesPerSecond.toLocaleString()} lines/s, peak ${simulate.peakRssMb} MB`,
  );

  const sustained = num('BENCH_SUSTAINED', 200_000, 20_000);
  const offered = num('BENCH_OFFERED', 2000, 2000);
  const latencySeconds = num('BENCH_LATENCY_SECONDS', 60, 15);
  const scenario = generateScenario(seed + 1, {
    trades: sustained + offered * latencySeconds + 1000,
    payoutEvery: 0,
  });
  const pipeline = await runPipeline({
    databaseUrl,
    brokers,
    scenario,
    sustainedMessages: sustained,
    offeredPerSecond: offered,
    latencySeconds,
    partitions: 3,
    batchSize: num('BENCH_BATCH_SIZE', 1000, 1000),
  });
  say(
    `pipeline: ${pipeline.tradesPerSecond.toLocaleString()} trades/s sustained; latency p50 ${pipeline.latency.p50Ms} p99 ${pipeline.latency.p99Ms} max ${pipeline.latency.maxMs} ms`,
  );

  const rows = (await readStoredRows(databaseUrl, pipeline.eventSchema)).slice(
    0,
    Math.max(sustained, 1000),
  );
  const insert = await insertCeiling(databaseUrl, `${pipeline.eventSchema}_insert`, rows);
  const copy = await copyCeiling(databaseUrl, `${pipeline.eventSchema}_copy`, rows);
  const consume = await kafkaConsumeCeiling(brokers, pipeline.topic, pipeline.topicMessages);
  say(
    `ceilings: INSERT ${round(insert).toLocaleString()} rows/s, COPY ${round(copy).toLocaleString()} rows/s, Kafka consume ${round(consume).toLocaleString()} messages/s`,
  );

  let peer: number | undefined;
  let peerError: string | undefined;
  try {
    peer = await peerEmmett(databaseUrl, `bench-${pipeline.eventSchema}`, rows);
  } catch (error) {
    peerError = error instanceof Error ? error.message : String(error);
  }
  const ours = await ourAppends(databaseUrl, `${pipeline.eventSchema}_appends`, rows);
  say(
    `peer (emmett-postgresql): ${peer === undefined ? `failed: ${peerError}` : `${round(peer).toLocaleString()} events/s`}; our appendMany ${round(ours).toLocaleString()} events/s`,
  );
  await dropPipelineSchemas(databaseUrl, pipeline.eventSchema);

  const machine = {
    ...machineBefore,
    loadAverageAfter: (await machineFacts(databaseUrl)).loadAverage,
  };
  const overrides = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`);
  const result = {
    command: [...overrides, 'pnpm bench', ...process.argv.slice(2)].join(' '),
    quick,
    seed,
    date: startedAt.toISOString(),
    machine,
    domainTradesPerSecond: domain.tradesPerSecond,
    simulateLines: simulate.lines,
    simulateLinesPerSecond: simulate.linesPerSecond,
    simulatePeakRssMb: simulate.peakRssMb,
    pipelineTradesPerSecond: pipeline.tradesPerSecond,
    pipelineSustainedMessages: pipeline.sustainedMessages,
    pgInsertCeilingRowsPerSecond: round(insert),
    pgCopyCeilingRowsPerSecond: round(copy),
    kafkaConsumeCeilingMessagesPerSecond: round(consume),
    pipelineToCeiling: round(pipeline.tradesPerSecond / insert, 3),
    pipelineToCopyCeiling: round(pipeline.tradesPerSecond / copy, 3),
    pipelineToKafkaCeiling: round(pipeline.tradesPerSecond / consume, 3),
    peerEventsPerSecond: peer === undefined ? null : round(peer),
    peerError: peerError ?? null,
    ourAppendEventsPerSecond: round(ours),
    pipelineToPeer: peer === undefined ? null : round(pipeline.tradesPerSecond / peer, 3),
    appendsToPeer: peer === undefined ? null : round(ours / peer, 3),
    offeredPerSecond: pipeline.offeredPerSecond,
    achievedOfferedPerSecond: pipeline.achievedOfferedPerSecond,
    latencySeconds,
    latencyProbes: pipeline.latency.probes,
    latencyP50Ms: pipeline.latency.p50Ms,
    latencyP99Ms: pipeline.latency.p99Ms,
    latencyMaxMs: pipeline.latency.maxMs,
    rss: { ...pipeline.rss, simulatePeakMb: simulate.peakRssMb },
  };
  if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
  else say(JSON.stringify(result, null, 1));
  if (!quick) {
    const docs = join(ROOT, 'docs/benchmarks.md');
    writeFileSync(
      join(ROOT, 'docs/bench-timeline.svg'),
      timelineSvg(
        pipeline.timeline,
        `end to end at ${offered} trades/s offered, ${startedAt.toISOString().slice(0, 16)}Z`,
      ),
    );
    writeFileSync(docs, renderReport(readFileSync(docs, 'utf8'), result));
    say('wrote docs/benchmarks.md and docs/bench-timeline.svg');
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
