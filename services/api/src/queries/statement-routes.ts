import { partnerOr } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { ClientPath, PartnerPath } from '../routes/path-params';
import { type RouteReply, route } from '../routes/route';
import { ClientStatement, PartnerStatement } from './query-answers';
import { CSV_CONTENT_TYPE, toCsv, wantsCsv } from './csv';
import { StatementQuery } from './query-codecs';
import { answered } from './query-responses';

/** Daily statements: one row per UTC day with activity (trades by close day, payouts by run day). */

const PARTNER_COLUMNS = [
  'day',
  'trades',
  'lots',
  'remuneration',
  'rebates',
  'overridesPaid',
  'overridesReceived',
  'net',
] as const;
const CLIENT_COLUMNS = ['day', 'trades', 'lots', 'rebates', 'paidOut'] as const;

export const checkRange = (from: string, to: string): void => {
  if (to < from) fail('invalid-input', `to must not be before from (${from})`, { field: 'to' });
};

export const csvReply = (filename: string, csv: string): RouteReply => ({
  status: 200,
  body: csv,
  contentType: CSV_CONTENT_TYPE,
  headers: { 'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"` },
});

export const statementRoutes = [
  route({
    id: 'partnerStatement',
    method: 'GET',
    path: '/v1/partners/:partnerId/statement',
    tag: 'queries',
    summary: "A partner's daily statement from `from` to `to` (inclusive); CSV with format=csv",
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerPath,
    query: StatementQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [{ ...answered(PartnerStatement, 'The statement'), csvColumns: PARTNER_COLUMNS }],
    problems: ['unknown-partner'],
    handle: async ({ params, query, request }, { queries }) => {
      checkRange(query.from, query.to);
      if ((await queries.partnerBalance(params.partnerId)) === undefined) {
        fail('unknown-partner', `unknown partner ${params.partnerId}`, { field: 'partnerId' });
      }
      const days = await queries.partnerStatement(params.partnerId, query.from, query.to);
      if (wantsCsv(query.format, request.accept)) {
        return csvReply(
          `statement-${params.partnerId}-${query.from}-${query.to}.csv`,
          toCsv(PARTNER_COLUMNS, days),
        );
      }
      const body: PartnerStatement = {
        partnerId: params.partnerId,
        from: query.from,
        to: query.to,
        days: [...days],
      };
      return { status: 200, body };
    },
  }),
  route({
    id: 'clientStatement',
    method: 'GET',
    path: '/v1/clients/:clientId/statement',
    tag: 'queries',
    summary:
      "A client's daily statement from `from` to `to` (inclusive); CSV with format=csv. A partner token sees only what was attributed to it",
    access: partnerOr('client-in-path', 'finance', 'admin'),
    params: ClientPath,
    query: StatementQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [{ ...answered(ClientStatement, 'The statement'), csvColumns: CLIENT_COLUMNS }],
    problems: ['unknown-client'],
    handle: async ({ params, query, request, principal }, { queries }) => {
      checkRange(query.from, query.to);
      if ((await queries.clientBalance(params.clientId)) === undefined) {
        fail('unknown-client', `unknown client ${params.clientId}`, { field: 'clientId' });
      }
      // A client may have moved: its partner now sees only what was attributed to it.
      const days =
        principal?.role === 'partner'
          ? await queries.partnerClientStatement(
              principal.partnerId,
              params.clientId,
              query.from,
              query.to,
            )
          : await queries.clientStatement(params.clientId, query.from, query.to);
      if (wantsCsv(query.format, request.accept)) {
        return csvReply(
          `statement-${params.clientId}-${query.from}-${query.to}.csv`,
          toCsv(CLIENT_COLUMNS, days),
        );
      }
      const body: ClientStatement = {
        clientId: params.clientId,
        from: query.from,
        to: query.to,
        days: [...days],
      };
      return { status: 200, body };
    },
  }),
];
