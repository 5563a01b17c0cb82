import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';
import { staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { checkRange } from '../queries/statement-routes';
import { NoParams, NoQuery } from '../routes/path-params';
import { route } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import { AuditJob, AuditScope } from './audit-report';

const AuditPath = t.type({ auditId: Identifier }, 'AuditPath');

const jobsOf = (context: RouteContext) =>
  context.audits ?? fail('not-found', 'audits are not enabled on this server');

const locationOf = (id: string): string => `/v1/audits/${encodeURIComponent(id)}`;

export const auditRoutes = [
  route({
    id: 'runAudit',
    method: 'POST',
    path: '/v1/audits',
    tag: 'audit',
    summary:
      'Start an audit, as `rebate audit` runs it: verify the tamper-evident chain in full from the first event (whatever the scope), replay the event store with the ledger fold, re-derive every fact from the rules and compare every partner and client total with the read models. A broken chain is reported (`report.chain.firstBad`, `consistent: false`), not a failed job. Answers 202 with the job to poll (`Location`); jobs run one at a time, a second waits its turn',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: AuditScope, optional: true },
    responses: [
      {
        status: 202,
        description: 'The audit job, running or waiting',
        json: AuditJob,
        headers: { Location: 'The job: GET it until its status is succeeded or failed' },
      },
    ],
    problems: ['not-found', 'too-many-audits'],
    handle: async ({ body }, context) => {
      if (body?.from !== undefined && body.to !== undefined) checkRange(body.from, body.to);
      const job =
        jobsOf(context).submit(body) ??
        fail('too-many-audits', 'audits already wait their turn; retry once one has finished');
      return { status: 202, body: job, headers: { location: locationOf(job.id) } };
    },
  }),
  route({
    id: 'getAudit',
    method: 'GET',
    path: '/v1/audits/:auditId',
    tag: 'audit',
    summary:
      'An audit job: running (with its progress), succeeded (with the report) or failed (with the problem). Jobs live in the API process that accepted them; the last 20 finished are kept',
    access: staff('finance', 'admin'),
    params: AuditPath,
    query: NoQuery,
    body: { kind: 'none' },
    responses: [{ status: 200, description: 'The job', json: AuditJob }],
    problems: ['not-found'],
    handle: async ({ params }, context) => ({
      status: 200,
      body:
        jobsOf(context).get(params.auditId) ??
        fail('not-found', `no audit ${params.auditId} on this server (unknown, or long finished)`),
    }),
  }),
];
