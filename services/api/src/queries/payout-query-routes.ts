import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';
import { partnerOr, staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { NoParams, PayoutPath, RunPath } from '../routes/path-params';
import { route } from '../routes/route';
import {
  PayoutList,
  PayoutRunView,
  PayoutStatusText,
  PayoutView,
  listPayouts,
  payoutViewFor,
} from './payout-answers';

/**
 * Payouts and runs, read from the payouts stream itself (caught up before answering, so a
 * result recorded a moment ago is already visible). A partner sees only payouts with an
 * allocation to itself, and only that allocation's amount.
 */

const PayoutListQuery = t.partial(
  { status: PayoutStatusText, clientId: Identifier, partnerId: Identifier, runId: Identifier },
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
      'Payouts, oldest run first, filtered by status, clientId, partnerId (payout partner or allocation) and runId. A partner sees only its own allocations.',
    access: partnerOr('filtered-to-partner', 'finance', 'admin'),
    params: NoParams,
    query: PayoutListQuery,
    body: { kind: 'none' },
    responses: [listed(PayoutList, 'The matching payouts')],
    problems: [],
    handle: async ({ query, principal }, { payouts }) => {
      // A partner's list is always its own, whether or not it named itself.
      const partnerId = principal?.role === 'partner' ? principal.partnerId : query.partnerId;
      return {
        status: 200,
        body: { items: listPayouts(await payouts.book(), { ...query, partnerId }, principal) },
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
