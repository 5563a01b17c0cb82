import { staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { NoParams, NoQuery } from '../routes/path-params';
import { route } from '../routes/route';
import { AuditReport } from './audit-report';

export const auditRoutes = [
  route({
    id: 'runAudit',
    method: 'POST',
    path: '/v1/audits',
    tag: 'audit',
    summary:
      'Replay the event store with the ledger fold and compare every partner and client total with the read models',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'none' },
    responses: [{ status: 200, description: 'The comparison', json: AuditReport }],
    problems: ['projections-behind', 'not-found'],
    handle: async (_input, { audit }) => ({
      status: 200,
      body: await (audit ?? fail('not-found', 'audits are not enabled on this server')).run(),
    }),
  }),
];
