import { ClientBalance, PartnerBalance } from '@rebate/read-models';
import { partnerOr, staff } from '../auth/access';
import { fail } from '../http/problem-catalog';
import { ClientPath, NoParams, PartnerPath } from '../routes/path-params';
import { route } from '../routes/route';
import { ClientList, PartnerList } from './query-answers';
import { AsOfRead, ClientListQuery } from './query-codecs';
import { answered } from './query-responses';
import { withPayableNow } from './payable-now-answers';

/** Balances: what partners earned and kept, what clients earned, were paid and are owed. */
export const balanceRoutes = [
  route({
    id: 'listPartners',
    method: 'GET',
    path: '/v1/partners',
    tag: 'queries',
    summary: 'Every partner with its totals',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: AsOfRead,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(PartnerList, 'Partners sorted by partnerId')],
    problems: [],
    handle: async (_input, { queries }) => ({
      status: 200,
      body: { items: await queries.listPartners() },
    }),
  }),
  route({
    id: 'getPartner',
    method: 'GET',
    path: '/v1/partners/:partnerId',
    tag: 'queries',
    summary: "A partner's totals: trades, lots, remuneration, rebates, net",
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerPath,
    query: AsOfRead,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(PartnerBalance, 'The partner')],
    problems: ['unknown-partner'],
    handle: async ({ params }, { queries }) => ({
      status: 200,
      body:
        (await queries.partnerBalance(params.partnerId)) ??
        fail('unknown-partner', `unknown partner ${params.partnerId}`, { field: 'partnerId' }),
    }),
  }),
  route({
    id: 'listPartnerClients',
    method: 'GET',
    path: '/v1/partners/:partnerId/clients',
    tag: 'queries',
    summary: 'The clients attached to a partner now, with their balances',
    access: partnerOr('partner-in-path', 'finance', 'admin'),
    params: PartnerPath,
    query: AsOfRead,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(ClientList, 'Clients sorted by clientId')],
    problems: ['unknown-partner'],
    handle: async ({ params, principal }, { queries, payableNow, now }) => {
      if ((await queries.partnerBalance(params.partnerId)) === undefined) {
        fail('unknown-partner', `unknown partner ${params.partnerId}`, { field: 'partnerId' });
      }
      // A client may have moved: its partner now sees only what was attributed to it.
      const items =
        principal?.role === 'partner'
          ? await queries.listPartnerClients(params.partnerId)
          : await queries.listClients({ partnerId: params.partnerId });
      return {
        status: 200,
        body: { items: await withPayableNow(items, payableNow, now(), principal) },
      };
    },
  }),
  route({
    id: 'listClients',
    method: 'GET',
    path: '/v1/clients',
    tag: 'queries',
    summary: 'Every client ever attached, optionally only those of one partner',
    access: staff('finance', 'admin'),
    params: NoParams,
    query: ClientListQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(ClientList, 'Clients sorted by clientId')],
    problems: [],
    handle: async ({ query, principal }, { queries, payableNow, now }) => {
      const items = await queries.listClients(
        query.partnerId === undefined ? {} : { partnerId: query.partnerId },
      );
      return {
        status: 200,
        body: { items: await withPayableNow(items, payableNow, now(), principal) },
      };
    },
  }),
  route({
    id: 'getClient',
    method: 'GET',
    path: '/v1/clients/:clientId',
    tag: 'queries',
    summary:
      "A client's rebates, payouts (paid, in flight), balance and payable now (pendingPayout, the hold applied); a partner token sees only what was attributed to it",
    access: partnerOr('client-in-path', 'finance', 'admin'),
    params: ClientPath,
    query: AsOfRead,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(ClientBalance, 'The client')],
    problems: ['unknown-client'],
    handle: async ({ params, principal }, { queries, payableNow, now }) => {
      // A client may have moved: its partner now sees only what was attributed to it.
      const client =
        (principal?.role === 'partner'
          ? await queries.partnerClientBalance(principal.partnerId, params.clientId)
          : await queries.clientBalance(params.clientId)) ??
        fail('unknown-client', `unknown client ${params.clientId}`, { field: 'clientId' });
      const [answer] = await withPayableNow([client], payableNow, now(), principal);
      return { status: 200, body: answer ?? client };
    },
  }),
];
