import { TrialBalance } from '@rebate/read-models';
import { staff } from '../auth/access';
import { NoParams } from '../routes/path-params';
import { route } from '../routes/route';
import { AsOfRead } from './query-codecs';
import { answered } from './query-responses';

/** The trial balance from the accounts projection: `rebate trial-balance` answers the same. */
export const trialBalanceRoutes = [
  route({
    id: 'trialBalance',
    method: 'GET',
    path: '/v1/trial-balance',
    tag: 'queries',
    summary: "Every account's balance per asset (USD, LOTS, TRADES) and each asset's total, zero",
    access: staff('finance', 'admin'),
    params: NoParams,
    query: AsOfRead,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(TrialBalance, 'Accounts by name, then asset; totals by asset')],
    problems: [],
    handle: async (_input, { queries }) => ({ status: 200, body: await queries.trialBalance() }),
  }),
];
