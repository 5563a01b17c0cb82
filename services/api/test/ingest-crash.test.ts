import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runScenario } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance } from '@rebate/read-models';
import { existingLocalSecret, mintToken } from '@rebate/api';
import { ingest } from '../../cli/src/commands/ingest';
import { crashScenario } from './support/crash-scenario';
import { clientsOf, partnersOf, requireDatabaseUrl } from '@rebate/test-support/api';
import { type ServeChild, killHard, startServeChild } from './support/serve-child';
import { Client } from 'pg';

/**
 * Finding 3 and 10 of the hardening issue: `rebate ingest FILE --chunk 500`, with `rebate serve`
 * killed (SIGKILL) in the middle of the import, restarted, and the same command run again,
 * ends in exactly the state `rebate simulate FILE` reports. The kill times are seeded.
 */

const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);

const quietly = async (run: () => Promise<void>): Promise<void> => {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
};

const readAll = async (url: string, token: string, path: string): Promise<unknown> => {
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the projections did not catch up');
    await sleep(100);
  }
  const answer = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status).toBe(200);
  return answer.json();
};

/** Where `rebate serve` keeps its data: the embedded default, or fresh PostgreSQL schemas. */
const stores = [
  { name: 'sqlite', env: (): Record<string, string> => ({}), drop: async () => undefined },
  {
    name: 'postgres',
    ...(() => {
      const suffix = randomBytes(4).toString('hex');
      const schemas = [`crash_es_${suffix}`, `crash_rm_${suffix}`, `crash_rm_${suffix}_api`];
      return {
        env: (): Record<string, string> => ({
          EVENT_STORE: 'postgres',
          DATABASE_URL: requireDatabaseUrl(),
          DATABASE_SCHEMA: schemas[0] as string,
          READ_MODELS_SCHEMA: schemas[1] as string,
        }),
        drop: async () => {
          const client = new Client({ connectionString: requireDatabaseUrl() });
          await client.connect();
          for (const schema of schemas) {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          }
          await client.end();
        },
      };
    })(),
  },
];

describe.each(stores)('rebate ingest after kill -9 of rebate serve ($name)', (target) => {
  const saved = { ...process.env };
  let dataDir: string;
  let serve: ServeChild | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rebate-crash-'));
    process.env['DATA_DIR'] = dataDir;
    delete process.env['JWT_SECRET'];
    delete process.env['REBATE_TOKEN'];
  });
  afterAll(async () => {
    process.env = saved;
    if (serve) await killHard(serve);
    rmSync(dataDir, { recursive: true, force: true });
    await target.drop();
  });

  test('killed twice mid-import, re-run: the balances equal simulate`s', async () => {
    console.log(`[crash] ${target.name} seed ${SEED} (replay with CRASH_SEED=${SEED})`);
    let random = SEED;
    const nextDelay = (): number => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return 300 + (random % 1500);
    };
    const lines = crashScenario(SEED, 3000);
    const file = join(dataDir, 'scenario.ndjson');
    writeFileSync(file, lines.join('\n'));
    const env = { DATA_DIR: dataDir, ...target.env() };

    for (let round = 0; round < 2; round += 1) {
      serve = await startServeChild(env);
      const { url } = serve;
      const running = quietly(() => ingest(file, { url, chunk: '500' })).then(
        () => 'finished',
        () => 'interrupted',
      );
      // Mid-import: once some trades are in, then after a seeded pause.
      const token = await mintToken({
        secret: existingLocalSecret(dataDir) as string,
        role: 'finance',
      });
      const tradesIn = async (): Promise<number> => {
        const answer = await fetch(`${url}/v1/partners`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const { items } = (await answer.json()) as { items: PartnerBalance[] };
        return items.reduce((sum, p) => sum + p.trades, 0);
      };
      const before = round === 0 ? 0 : await tradesIn();
      while ((await tradesIn()) <= before) await sleep(20);
      const delay = nextDelay() - 300;
      await sleep(delay);
      await killHard(serve);
      serve = undefined;
      console.log(
        `[crash] round ${round}: killed ${delay} ms after trades arrived, ingest ${await running}`,
      );
    }

    serve = await startServeChild(env);
    const { url } = serve;
    await quietly(() => ingest(file, { url, chunk: '500' }));
    const token = await mintToken({
      secret: existingLocalSecret(dataDir) as string,
      role: 'finance',
    });
    const partners = (await readAll(url, token, '/v1/partners')) as { items: PartnerBalance[] };
    const clients = (await readAll(url, token, '/v1/clients')) as { items: ClientBalance[] };

    const store = openSqliteEventStore({ path: ':memory:' });
    const expected = await runScenario(lines, store).finally(() => store.close());
    expect(partnersOf(partners.items)).toEqual(partnersOf(expected.partners));
    expect(clientsOf(clients.items)).toEqual(clientsOf(expected.clients));

    // The audit replays the store: nothing was written twice or with other content.
    const auditor = await mintToken({
      secret: existingLocalSecret(dataDir) as string,
      role: 'finance',
    });
    const started = await fetch(`${url}/v1/audits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(started.status).toBe(202);
    // The service runs in another process: poll its job, a bounded number of times.
    const location = `${url}${started.headers.get('location') ?? ''}`;
    let job = (await started.json()) as { status: string; report?: unknown };
    for (let polls = 0; job.status === 'running' && polls < 600; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (
        await fetch(location, { headers: { authorization: `Bearer ${auditor}` } })
      ).json()) as typeof job;
    }
    expect(job).toMatchObject({
      status: 'succeeded',
      report: { consistent: true, differences: [] },
    });
  }, 240_000);
});
