import type { AuditJob, AuditReport } from '@rebate/api';
import type { EventStore } from '@rebate/event-store';
import { runScenario } from '@rebate/ledger';
import { type LedgerQueries, createReadModels } from '@rebate/read-models';
import { type CallOptions, type TestApi, sqliteBackend, trade } from '@rebate/test-support/api';

/**
 * Starts an audit job, awaits it (the jobs' own promise, no polling loop) and reads its
 * status resource: tests finish as soon as the job has.
 */
export const auditJob = async (
  api: TestApi,
  options: { readonly as?: CallOptions['as']; readonly scope?: unknown } = {},
): Promise<AuditJob> => {
  const as = options.as ?? 'finance';
  const started = await api.call('POST', '/v1/audits', {
    as,
    ...(options.scope === undefined ? {} : { body: options.scope }),
  });
  if (started.status !== 202) throw new Error(`POST /v1/audits: ${started.status} ${started.text}`);
  const location = started.headers.get('location');
  if (location === null) throw new Error('POST /v1/audits answered without a Location');
  await api.audits.settled();
  const job = await api.call('GET', location, { as });
  if (job.status !== 200) throw new Error(`GET ${location}: ${job.status} ${job.text}`);
  return job.json as AuditJob;
};

/** The report of a succeeded audit job. */
export const auditReport = async (api: TestApi): Promise<AuditReport> => {
  const job = await auditJob(api);
  if (job.status !== 'succeeded' || job.report === undefined)
    throw new Error(`the audit job ${job.status}: ${JSON.stringify(job.problem)}`);
  return job.report;
};

/**
 * The embedded store with `count` trades of one client and its read models running, for the
 * tests that watch an audit give the event loop its turns.
 */
export const withTradesOnEmbeddedStore = async <T>(
  count: number,
  use: (ledger: { readonly store: EventStore; readonly queries: LedgerQueries }) => Promise<T>,
): Promise<T> => {
  const opened = await sqliteBackend.open();
  const readModels = createReadModels(opened.store, opened.storage, { pollIntervalMs: 10 });
  readModels.start();
  try {
    const at = '2026-09-01T00:00:00Z';
    const lines = [
      { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '10', at },
      { type: 'register-partner', partnerId: 'P1', model: 'agent', at },
      { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at },
      ...Array.from({ length: count }, (_, i) => trade(`T${i}`, 'C1', '1', '2026-09-02T00:00:00Z')),
    ];
    await runScenario(
      lines.map((line) => JSON.stringify(line)),
      opened.store,
      { tradeBatchSize: 500 },
    );
    return await use({ store: opened.store, queries: readModels.queries });
  } finally {
    await readModels.stop();
    await opened.close();
  }
};

/** Counts the event loop's turns (a `setImmediate` chain) until stopped. */
export const countTurns = (): { readonly count: () => number; readonly stop: () => void } => {
  let turns = 0;
  let ticking = true;
  const tick = (): void => {
    turns += 1;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    count: () => turns,
    stop: () => {
      ticking = false;
    },
  };
};
