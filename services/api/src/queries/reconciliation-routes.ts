import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';
import {
  CLIENT_RECONCILIATION_COLUMNS,
  ClientReconciliation,
  PARTNER_RECONCILIATION_COLUMNS,
  PartnerReconciliation,
  reconciliationRange,
} from '@rebate/read-models';
import { staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { NoParams } from '../routes/path-params';
import { route } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import { wantsCsv } from './csv';
import { AsOfRead, DayText, Format } from './query-codecs';
import { answered } from './query-responses';
import {
  clientReconciliationCsv,
  partnerReconciliationCsv,
  reconciliationFilename,
} from './reconciliation-csv';
import { checkRange, csvReply } from './statement-routes';

/**
 * Finance's month-close exports (docs/operations.md): per partner per day and per client per
 * day with a totals row, JSON or CSV; `rebate reconcile` prints the same documents. Without
 * `from` / `to`, every day the ledger has.
 */

export const ReconciliationQuery = t.intersection(
  [t.partial({ from: DayText, to: DayText, partnerId: Identifier, format: Format }), AsOfRead],
  'ReconciliationQuery',
);
type ReconciliationQuery = t.TypeOf<typeof ReconciliationQuery>;

const rangeOf = async (query: ReconciliationQuery, { queries }: RouteContext) => {
  const range = reconciliationRange(query);
  checkRange(range.from, range.to);
  if (
    range.partnerId !== undefined &&
    (await queries.partnerBalance(range.partnerId)) === undefined
  )
    fail('unknown-partner', `unknown partner ${range.partnerId}`, { field: 'partnerId' });
  return range;
};

export const reconciliationRoutes = [
  route({
    id: 'partnerReconciliation',
    method: 'GET',
    path: '/v1/reconciliation/partners',
    tag: 'queries',
    summary:
      'Reconciliation export per partner per day (trades, lots, remuneration, rebates, overrides, net) and the totals; CSV with format=csv',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: ReconciliationQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [
      {
        ...answered(PartnerReconciliation, 'Rows by partner, then day; the totals row'),
        csvColumns: PARTNER_RECONCILIATION_COLUMNS,
      },
    ],
    problems: ['unknown-partner'],
    handle: async ({ query, request }, context) => {
      const document = await context.queries.partnerReconciliation(await rangeOf(query, context));
      return wantsCsv(query.format, request.accept)
        ? csvReply(reconciliationFilename(document), partnerReconciliationCsv(document))
        : { status: 200, body: document };
    },
  }),
  route({
    id: 'clientReconciliation',
    method: 'GET',
    path: '/v1/reconciliation/clients',
    tag: 'queries',
    summary:
      "Reconciliation export per client per day (rebates, payouts requested / completed / failed, end-of-day balance) and the totals; with partnerId, each client's part attributed to that partner; CSV with format=csv",
    access: staff('finance', 'admin'),
    params: NoParams,
    query: ReconciliationQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [
      {
        ...answered(ClientReconciliation, 'Rows by client, then day; the totals row'),
        csvColumns: CLIENT_RECONCILIATION_COLUMNS,
      },
    ],
    problems: ['unknown-partner'],
    handle: async ({ query, request }, context) => {
      const document = await context.queries.clientReconciliation(await rangeOf(query, context));
      return wantsCsv(query.format, request.accept)
        ? csvReply(reconciliationFilename(document), clientReconciliationCsv(document))
        : { status: 200, body: document };
    },
  }),
];
