import { Agreement } from '@rebate/read-models';
import { partnerOr } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { PartnerPath } from '../routes/path-params';
import { route } from '../routes/route';
import { ReadYourWrites } from './query-codecs';
import { answered } from './query-responses';

export const agreementQueryRoutes = [
  route({
    id: 'getAgreement',
    method: 'GET',
    path: '/v1/partners/:partnerId/agreement',
    tag: 'queries',
    summary:
      "A partner's current agreement (model, default rate, switches, its clients' terms) and its change history",
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerPath,
    query: ReadYourWrites,
    body: { kind: 'none' },
    readsProjections: true,
    responses: [answered(Agreement, 'The agreement; history oldest first')],
    problems: ['unknown-partner'],
    handle: async ({ params }, { queries }) => ({
      status: 200,
      body:
        (await queries.agreement(params.partnerId)) ??
        fail('unknown-partner', `unknown partner ${params.partnerId}`, { field: 'partnerId' }),
    }),
  }),
];
