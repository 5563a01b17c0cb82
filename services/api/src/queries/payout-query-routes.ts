import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';
import { partnerOr, staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { NoParams, PayoutPath, RunPath } from '../routes/path-params';
import { route } from '../routes/route';
import {
  PayoutList,
  PayoutOrder,
  PayoutRunView,
  PayoutStatusText,
  PayoutView,
  listPayouts,
  pagePayouts,
  payoutViewFor,
} from './payout-answers';
import { decodePayoutCursor, encodePayoutCursor, payoutQueryDigest } from './payout-cursor';
import { CursorText, DEFAULT_PAGE, LimitText } from './query-codecs';

/**
 * Payouts and runs, read from the payouts stream itself (caught up before answering, so a
 * result recorded a moment ago is already visible). A partner sees only payouts with an
 * allocation to itself, and only that allocation's amount.
 */

const PayoutListQuery = t.partial(
  {
    status: PayoutStatusText,
    clientId: Identifier,
    partnerId: Identifier,
    runId: Identifier,
    order: PayoutOrder,
    cursor: CursorText,
    limit: LimitText,
  },
  'PayoutListQuery',
);

const listed = (json: t.Mixed, description: string) => ({ status: 200, description, json });

export const payoutQueryRoutes = [
  route({
    id: 'listPayouts',
    method: 'GET',
    path: '/v1/payouts',
    tag: 'queries',
    summary:
      'Payouts a page at a time (pass nextCursor back as cursor), oldest run first (order=newest for newest first), then by payout id; filtered by status, clientId, partnerId (payout partner or allocation) and runId. A cursor only works with the query it was made for. A partner sees only its own allocations.',
    access: partnerOr('filtered-to-partner', 'finance', 'admin'),
    params: NoParams,
    query: PayoutListQuery,
    body: { kind: 'none' },
    responses: [
      listed(PayoutList, 'A page of the matching payouts; nextCursor is null on the last one'),
    ],
    problems: [],
    handle: async ({ query, principal }, { payouts }) => {
      // A partner's list is always its own, whether or not it named itself.
      const partnerId = principal?.role === 'partner' ? principal.partnerId : query.partnerId;
      const filter = {
        status: query.status,
        clientId: query.clientId,
        partnerId,
        runId: query.runId,
      };
      const order = query.order ?? 'oldest';
      // Bound to the caller's own view too: a partner's amounts are its allocations only.
      const digest = payoutQueryDigest({
        ...filter,
        order,
        viewer: principal?.role === 'partner' ? `partner:${principal.partnerId}` : 'staff',
      });
      const after =
        query.cursor === undefined ? undefined : decodePayoutCursor(query.cursor, digest);
      const page = pagePayouts(await payouts.book(), filter, principal, {
        limit: query.limit ?? DEFAULT_PAGE,
        order,
        after,
      });
      return {
        status: 200,
        body: {
          items: page.items,
          nextCursor: page.more && page.last ? encodePayoutCursor(page.last, digest) : null,
          total: page.total,
        },
      };
    },
  }),
  route({
    id: 'getPayout',
    method: 'GET',
    path: '/v1/payouts/:payoutId',
    tag: 'queries',
    summary:
      'One payout (its id is <runId>/<clientId>, percent-encoded in the path). A partner only with an allocation to itself.',
    access: partnerOr('filtered-to-partner', 'finance', 'admin'),
    params: PayoutPath,
    query: t.type({}),
    body: { kind: 'none' },
    responses: [listed(PayoutView, 'The payout')],
    problems: ['unknown-payout'],
    handle: async ({ params, principal }, { payouts }) => {
      const record = (await payouts.book()).payouts.get(params.payoutId);
      const view = record && payoutViewFor(record, principal);
      if (view !== undefined) return { status: 200, body: view };
      // No probing: a partner cannot tell another's payout from one that does not exist.
      return principal?.role === 'partner'
        ? fail('forbidden', `payout ${params.payoutId} has no allocation to ${principal.partnerId}`)
        : fail('unknown-payout', `unknown payout ${params.payoutId}`, { field: 'payoutId' });
    },
  }),
  route({
    id: 'getPayoutRun',
    method: 'GET',
    path: '/v1/payout-runs/:runId',
    tag: 'queries',
    summary: 'One payout run: its time, minimum, hold, cutoff, total and payouts',
    access: staff('finance', 'admin'),
    params: RunPath,
    query: t.type({}),
    body: { kind: 'none' },
    responses: [listed(PayoutRunView, 'The run')],
    problems: ['not-found'],
    handle: async ({ params, principal }, { payouts }) => {
      const book = await payouts.book();
      const run = book.runs.get(params.runId);
      if (run === undefined) {
        return fail('not-found', `unknown payout run ${params.runId}`, { field: 'runId' });
      }
      return {
        status: 200,
        body: {
          runId: params.runId,
          at: run.at,
          minimumUsd: run.minimumUsd.toFixed(),
          holdDays: run.holdDays,
          cutoff: run.cutoff,
          total: run.total.toFixed(),
          payouts: listPayouts(book, { runId: params.runId }, principal),
        },
      };
    },
  }),
];
