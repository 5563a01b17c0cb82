import { partnerOr } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { PartnerPath, PartnerSubPartnerPath } from '../routes/path-params';
import { route } from '../routes/route';
import { SubPartnerStatement, SubPartnerTree } from './query-answers';
import { ReadYourWrites, StatementQuery } from './query-codecs';
import { answered } from './query-responses';
import { checkRange, csvReply } from './statement-routes';
import { toCsv, wantsCsv } from './csv';

/**
 * A partner's sub-partners (rules section 12): the tree below it with each one's summary, and
 * one sub-partner's days. A partner token reads only its own tree (the path's partnerId is its
 * own), never a sub-partner's clients; a partner outside its tree and an unknown one get the
 * same 404, so a partner cannot probe for partner ids.
 */

const SUB_PARTNER_COLUMNS = [
  'day',
  'trades',
  'lots',
  'remuneration',
  'overridesPaid',
  'overridesReceived',
] as const;

const unknownSubPartner = (partnerId: string, subPartnerId: string): never =>
  fail('unknown-partner', `unknown sub-partner ${subPartnerId} of partner ${partnerId}`, {
    field: 'subPartnerId',
  });

export const subPartnerRoutes = [
  route({
    id: 'listSubPartners',
    method: 'GET',
    path: '/v1/partners/:partnerId/sub-partners',
    tag: 'queries',
    summary:
      "A partner's sub-partners, direct and indirect (depth first, with parentId and depth), each with trades, lots, remuneration and overrides paid and received",
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerPath,
    query: ReadYourWrites,
    body: { kind: 'none' },
    readsProjections: true,
    responses: [answered(SubPartnerTree, 'The sub-partner tree')],
    problems: ['unknown-partner'],
    handle: async ({ params }, { queries }) => {
      const items =
        (await queries.subPartners(params.partnerId)) ??
        fail('unknown-partner', `unknown partner ${params.partnerId}`, { field: 'partnerId' });
      const body: SubPartnerTree = { partnerId: params.partnerId, items: [...items] };
      return { status: 200, body };
    },
  }),
  route({
    id: 'subPartnerStatement',
    method: 'GET',
    path: '/v1/partners/:partnerId/sub-partners/:subPartnerId/statement',
    tag: 'queries',
    summary:
      "A sub-partner's (direct or indirect) daily trades, lots, remuneration and overrides from `from` to `to` (inclusive); CSV with format=csv",
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerSubPartnerPath,
    query: StatementQuery,
    body: { kind: 'none' },
    readsProjections: true,
    responses: [
      { ...answered(SubPartnerStatement, 'The statement'), csvColumns: SUB_PARTNER_COLUMNS },
    ],
    problems: ['unknown-partner'],
    handle: async ({ params, query, request }, { queries }) => {
      checkRange(query.from, query.to);
      const { partnerId, subPartnerId } = params;
      const days =
        (await queries.subPartnerStatement(partnerId, subPartnerId, query.from, query.to)) ??
        unknownSubPartner(partnerId, subPartnerId);
      if (wantsCsv(query.format, request.accept)) {
        return csvReply(
          `statement-${partnerId}-${subPartnerId}-${query.from}-${query.to}.csv`,
          toCsv(SUB_PARTNER_COLUMNS, days),
        );
      }
      const body: SubPartnerStatement = {
        partnerId,
        subPartnerId,
        from: query.from,
        to: query.to,
        days: [...days],
      };
      return { status: 200, body };
    },
  }),
];
