import type { AuditJob, AuditReport } from '@rebate/api';
import type { CallOptions, TestApi } from '@rebate/test-support/api';

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
