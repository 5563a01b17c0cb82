import { partnerOr } from '../auth/access';
import { route } from '../routes/route';
import { NoParams } from '../routes/path-params';
import { AccrualPage } from './query-answers';
import { AccrualQuery, DEFAULT_PAGE } from './query-codecs';
import { answered } from './query-responses';

export const accrualRoutes = [
  route({
    id: 'listAccruals',
    method: 'GET',
    path: '/v1/accruals',
    tag: 'queries',
    summary:
      'Per-trade accruals in global order, a page at a time: pass nextCursor back as cursor. A partner sees only its own.',
    access: partnerOr('filtered-to-partner', 'finance', 'admin'),
    params: NoParams,
    query: AccrualQuery,
    body: { kind: 'none' },
    readsProjections: true,
    readsAsOf: true,
    responses: [answered(AccrualPage, 'A page of accruals; nextCursor is null on the last one')],
    problems: [],
    handle: async ({ query, principal }, { queries }) => {
      // A partner's list is always its own, whether or not it named itself.
      const partnerId = principal?.role === 'partner' ? principal.partnerId : query.partnerId;
      const page = await queries.accruals(
        {
          ...(partnerId === undefined ? {} : { partnerId }),
          ...(query.clientId === undefined ? {} : { clientId: query.clientId }),
        },
        {
          limit: query.limit ?? DEFAULT_PAGE,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        },
      );
      return { status: 200, body: { items: [...page.items], nextCursor: page.nextCursor } };
    },
  }),
];
