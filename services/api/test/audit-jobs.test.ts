import { type AuditJob, createAuditJobs, createLedgerAudit } from '@rebate/api';
import { runScenario } from '@rebate/ledger';
import { createReadModels } from '@rebate/read-models';
import { auditJob, countTurns, withTradesOnEmbeddedStore } from './support/audit-job';
import {
  backends,
  sqliteBackend,
  seedLedger,
  trade,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * Issue 12: an audit is a job. POST answers 202 with its Location; GET answers the status
 * resource. Every test awaits the jobs' own promise (`settled`), never a poll loop, and closes
 * the app, which waits for a job still running.
 */
describe.each(backends)('audit jobs on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
    for (const [id, client, lots] of [
      ['TJ1', 'C1', '2'],
      ['TJ2', 'C2', '1'],
      ['TJ3', 'C3', '0.5'],
    ] as const) {
      const answer = await api.call('POST', '/v1/trades', {
        as: 'admin',
        body: trade(id, client, lots),
      });
      expect(answer.status).toBe(200);
    }
  });
  afterAll(() => api?.close());

  test('given a ledger, when finance posts an audit, then 202 with a running job and its Location, and the job succeeds with the report', async () => {
    const started = await api.call('POST', '/v1/audits', { as: 'finance' });
    expect(started.status).toBe(202);
    const body = started.json as AuditJob;
    expect(started.headers.get('location')).toBe(`/v1/audits/${body.id}`);
    expect(body).toMatchObject({ status: 'running', scope: {}, progress: { phase: 'queued' } });
    expect(body.report).toBeUndefined();
    expect(body.finishedAt).toBeUndefined();

    await api.audits.settled();
    const done = await api.call('GET', `/v1/audits/${body.id}`, { as: 'finance' });
    expect(done.status).toBe(200);
    const job = done.json as AuditJob;
    expect(job).toMatchObject({
      id: body.id,
      status: 'succeeded',
      requestedAt: body.requestedAt,
      report: {
        consistent: true,
        differences: [],
        ruleDiscrepancies: [],
        // P0, P1, P2; C0 to C3; the three trades above
        partners: 3,
        clients: 4,
        accrualsChecked: 3,
        reversalsChecked: 0,
        payoutsChecked: 0,
      },
    });
    expect(job.problem).toBeUndefined();
    expect(Date.parse(job.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(job.requestedAt));
    expect(job.progress).toEqual({ phase: 'comparing', eventsReplayed: job.report?.events });
  });

  test('given a scope as `rebate audit` takes it, then the job and its report carry it', async () => {
    const scope = { partnerId: 'P1', from: '2026-09-01', to: '2026-09-30' };
    const job = await auditJob(api, { scope });
    expect(job).toMatchObject({ status: 'succeeded', scope, report: { scope, consistent: true } });
  });

  test('given a bad scope, then 400 naming the field, and no job', async () => {
    const answer = await api.call('POST', '/v1/audits', {
      as: 'finance',
      body: { from: '2026-13-01' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'invalid-input' });
    expect(answer.text).toContain('from');
  });

  test('given a scope whose to is before its from, then 400 naming to, and no job', async () => {
    const answer = await api.call('POST', '/v1/audits', {
      as: 'finance',
      body: { from: '2026-09-10', to: '2026-09-01' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'invalid-input', field: 'to' });
  });

  test('given two posts at once, then both are accepted and run one after the other', async () => {
    const [first, second] = await Promise.all([
      api.call('POST', '/v1/audits', { as: 'finance' }),
      api.call('POST', '/v1/audits', { as: 'admin' }),
    ]);
    expect([first?.status, second?.status]).toEqual([202, 202]);
    await api.audits.settled();
    const jobs = await Promise.all(
      [first, second].map(async (answer) => {
        const location = answer?.headers.get('location') ?? '';
        return (await api.call('GET', location, { as: 'finance' })).json as AuditJob;
      }),
    );
    expect(jobs.map((job) => job.status)).toEqual(['succeeded', 'succeeded']);
    const [a, b] = jobs as [AuditJob, AuditJob];
    expect(a.id).not.toBe(b.id);
  });

  test('given an unknown id, then 404; given a partner token, then 403', async () => {
    const unknown = await api.call('GET', '/v1/audits/no-such-job', { as: 'finance' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'not-found' });
    const job = await auditJob(api);
    const partner = await api.call('GET', `/v1/audits/${job.id}`, { as: { partner: 'P1' } });
    expect(partner.status).toBe(403);
    const post = await api.call('POST', '/v1/audits', { as: { partner: 'P1' } });
    expect(post.status).toBe(403);
  });
});

describe('audit jobs (the registry)', () => {
  test('given read models that never catch up, then the job fails with the problem and nothing crashes', async () => {
    const opened = await sqliteBackend.open();
    // Never started: the read models stay behind the store's head.
    const readModels = createReadModels(opened.store, opened.storage, { pollIntervalMs: 10 });
    try {
      await runScenario(
        [
          JSON.stringify({
            type: 'register-partner',
            partnerId: 'P1',
            model: 'agent',
            at: '2026-09-01T00:00:00Z',
          }),
        ],
        opened.store,
      );
      const jobs = createAuditJobs(createLedgerAudit(opened.store, readModels.queries, 20), {
        now: () => new Date().toISOString(),
      });
      const submitted = jobs.submit({});
      await jobs.settled();
      expect(jobs.get(submitted?.id ?? '')).toMatchObject({
        status: 'failed',
        problem: { code: 'projections-behind', status: 503 },
      });
      expect(jobs.get(submitted?.id ?? '')?.report).toBeUndefined();
    } finally {
      await opened.close();
    }
  });

  test('given more finished jobs than kept, then the oldest are forgotten; given too many waiting, then refused', async () => {
    const opened = await sqliteBackend.open();
    const readModels = createReadModels(opened.store, opened.storage, { pollIntervalMs: 10 });
    readModels.start();
    try {
      const jobs = createAuditJobs(createLedgerAudit(opened.store, readModels.queries, 1_000), {
        now: () => new Date().toISOString(),
        keep: 2,
        maxWaiting: 3,
      });
      const ids = [0, 1, 2].map(() => jobs.submit({})?.id ?? '');
      // Three wait (the first has not started: it starts on the next turn); the fourth is refused.
      expect(jobs.submit({})).toBeUndefined();
      await jobs.settled();
      expect(ids.map((id) => jobs.get(id)?.status)).toEqual([undefined, 'succeeded', 'succeeded']);
      expect(jobs.submit({})).toMatchObject({ status: 'running' });
      await jobs.settled();
    } finally {
      await readModels.stop();
      await opened.close();
    }
  });

  test('given jobs running and waiting when the server closes, then they end failed, saying to run again, and close resolves', async () => {
    const opened = await sqliteBackend.open();
    const readModels = createReadModels(opened.store, opened.storage, { pollIntervalMs: 10 });
    readModels.start();
    try {
      const jobs = createAuditJobs(createLedgerAudit(opened.store, readModels.queries, 1_000), {
        now: () => new Date().toISOString(),
      });
      const ids = [jobs.submit({})?.id ?? '', jobs.submit({})?.id ?? ''];
      await jobs.close();
      expect(ids.map((id) => [jobs.get(id)?.status, jobs.get(id)?.problem?.code])).toEqual([
        ['failed', 'store-unavailable'],
        ['failed', 'store-unavailable'],
      ]);
    } finally {
      await readModels.stop();
      await opened.close();
    }
  });

  test('given a ledger of 1,200 trades on the embedded store, then the replay gives the event loop a turn between chunks', async () => {
    await withTradesOnEmbeddedStore(1_200, async ({ store, queries }) => {
      const turns = countTurns();
      const report = await createLedgerAudit(store, queries, 10_000).run();
      turns.stop();
      expect(report).toMatchObject({ consistent: true, accrualsChecked: 1_200 });
      // Every 500 events at least: 1,200 trades and the terms are more than two chunks.
      expect(turns.count()).toBeGreaterThanOrEqual(2);
    });
  });
});
