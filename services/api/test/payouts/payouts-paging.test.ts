import {
  type Answer,
  type TestApi,
  backends,
  seedLedger,
  startTestApi,
  trade,
} from '@rebate/test-support/api';
import { encodePayoutCursor, payoutQueryDigest } from '../../src/queries/payout-cursor';

/**
 * `GET /v1/payouts` in cursor pages: every payout exactly once, in a stable order, with the
 * filters; a bad cursor or limit is a 400 naming the field; a cursor never shows one partner
 * another's payouts.
 */

interface Payout {
  payoutId: string;
  runId: string;
  clientId: string;
  partnerId: string | null;
  amount: string;
  allocations: { partnerId: string; amount: string }[];
  status: string;
  at: string;
}
interface PayoutList {
  items: Payout[];
  nextCursor: string | null;
  total: number;
}

const P1_CLIENTS = ['C1', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];
const P2_CLIENTS = ['C2', 'C9', 'C10', 'C11', 'C12'];

describe.each(backends)('payout pages on $name', (backend) => {
  let api: TestApi;
  const admin = { as: 'admin' as const };
  const must = async (answer: Promise<Answer>): Promise<Answer> => {
    const done = await answer;
    if (done.status >= 300) throw new Error(`${done.status} ${done.text}`);
    return done;
  };
  const list = async (query: string, as: 'admin' | 'finance' | { partner: string } = 'admin') => {
    const answer = await api.call('GET', `/v1/payouts${query}`, { as });
    expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    return answer.json as PayoutList;
  };
  /** Every page of `query` (which must not hold a cursor), following nextCursor. */
  const allPages = async (
    query: string,
    as: 'admin' | 'finance' | { partner: string } = 'admin',
  ): Promise<{ pages: PayoutList[]; items: Payout[] }> => {
    const pages: PayoutList[] = [];
    let cursor: string | null = null;
    do {
      const sep = query.includes('?') ? '&' : '?';
      const page = await list(
        cursor === null ? query : `${query}${sep}cursor=${encodeURIComponent(cursor)}`,
        as,
      );
      pages.push(page);
      cursor = page.nextCursor;
      if (pages.length > 50) throw new Error('the pages never end');
    } while (cursor !== null);
    return { pages, items: pages.flatMap((p) => p.items) };
  };
  const ids = (items: readonly Payout[]) => items.map((p) => p.payoutId);
  const codePointOrder = (items: readonly Payout[]) =>
    [...items].sort((a, b) =>
      a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.payoutId < b.payoutId ? -1 : 1,
    );

  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api); // P1 (20 %) with C1, C3; P2 with C2; FIXED 15 USD per lot
    await must(api.call('PUT', '/v1/payout-hold', { ...admin, body: { days: 0 } }));
    await must(
      api.call('PUT', '/v1/partners/P2/rebate-rate', { ...admin, body: { percent: '10' } }),
    );
    for (const clientId of P1_CLIENTS.slice(2)) {
      await must(api.call('POST', '/v1/partners/P1/clients', { ...admin, body: { clientId } }));
    }
    for (const clientId of P2_CLIENTS.slice(1)) {
      await must(api.call('POST', '/v1/partners/P2/clients', { ...admin, body: { clientId } }));
    }
    const everyone = [...P1_CLIENTS, ...P2_CLIENTS];
    await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: everyone.map((c, i) => trade(`T1-${c}`, c, String(i + 1))),
      }),
    );
    api.clock.set('2026-09-10T00:00:00Z');
    await must(api.call('POST', '/v1/payout-runs', { ...admin, body: { runId: 'R1' } }));
    // A second run pays some clients again; some results are recorded.
    await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: ['C1', 'C5', 'C2', 'C10'].map((c) =>
          trade(`T2-${c}`, c, '1', '2026-09-11T10:00:00Z'),
        ),
      }),
    );
    api.clock.set('2026-09-20T00:00:00Z');
    await must(api.call('POST', '/v1/payout-runs', { ...admin, body: { runId: 'R2' } }));
    for (const id of ['R1%2FC1', 'R1%2FC9', 'R2%2FC5']) {
      await must(api.call('POST', `/v1/payouts/${id}/completed`, admin));
    }
    await must(
      api.call('POST', '/v1/payouts/R1%2FC3/failed', { ...admin, body: { reason: 'refused' } }),
    );
  });
  afterAll(() => api?.close());

  test('paging through more than one page gives every payout exactly once, in order', async () => {
    const whole = await list('?limit=1000');
    expect(whole.nextCursor).toBeNull();
    expect(whole.total).toBe(16); // 12 in R1, 4 in R2
    expect(ids(whole.items)).toEqual(ids(codePointOrder(whole.items)));
    const { pages, items } = await allPages('?limit=5');
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 1]);
    expect(pages.every((p) => p.total === 16)).toBe(true);
    expect(ids(items)).toEqual(ids(whole.items));
    expect(new Set(ids(items)).size).toBe(16);
    // Newest first is the same list reversed, in pages too.
    const newest = await allPages('?order=newest&limit=7');
    expect(newest.pages.map((p) => p.items.length)).toEqual([7, 7, 2]);
    expect(ids(newest.items)).toEqual(ids(whole.items).reverse());
    // A page that ends exactly at the end has no next page.
    expect((await list('?limit=16')).nextCursor).toBeNull();
    // Without a limit, the default page (100) holds all 16.
    expect(ids((await list('')).items)).toEqual(ids(whole.items));
  });

  test('filters page too, each page holding only matches', async () => {
    const whole = (await list('?limit=1000')).items;
    const cases: [string, (p: Payout) => boolean][] = [
      ['status=completed', (p) => p.status === 'completed'],
      ['status=requested', (p) => p.status === 'requested'],
      ['runId=R2', (p) => p.runId === 'R2'],
      ['clientId=C1', (p) => p.clientId === 'C1'],
      [
        'partnerId=P2',
        (p) => p.partnerId === 'P2' || p.allocations.some((a) => a.partnerId === 'P2'),
      ],
      ['partnerId=P1&status=requested', (p) => p.partnerId === 'P1' && p.status === 'requested'],
    ];
    for (const [query, matches] of cases) {
      const expected = whole.filter(matches);
      expect({ query, some: expected.length > 1 }).toEqual({ query, some: true });
      const { pages, items } = await allPages(`?${query}&limit=2`);
      expect({ query, ids: ids(items) }).toEqual({ query, ids: ids(expected) });
      expect(pages.length).toBe(Math.ceil(expected.length / 2));
      expect(pages.every((p) => p.total === expected.length)).toBe(true);
    }
  });

  test('a bad cursor or limit is a 400 naming the field', async () => {
    const first = await list('?limit=2');
    const cursor = first.nextCursor ?? '';
    const bad = async (query: string, field: string) => {
      const answer = await api.call('GET', `/v1/payouts${query}`, admin);
      expect({ query, status: answer.status, json: answer.json }).toMatchObject({
        query,
        status: 400,
        json: { code: 'invalid-input', field },
      });
    };
    await bad('?cursor=not-a-cursor', 'cursor');
    await bad(`?cursor=${Buffer.from('{"at":1}').toString('base64url')}`, 'cursor');
    await bad('?cursor=', 'cursor');
    // A cursor is for the query it was made for: another filter or order refuses it.
    await bad(`?status=completed&cursor=${encodeURIComponent(cursor)}`, 'cursor');
    await bad(`?order=newest&cursor=${encodeURIComponent(cursor)}`, 'cursor');
    for (const limit of ['0', '1001', '-1', '2.5', 'ten']) await bad(`?limit=${limit}`, 'limit');
    // The same cursor with its own query still answers.
    expect((await list(`?limit=2&cursor=${encodeURIComponent(cursor)}`)).items).toHaveLength(2);
  });

  test("a partner pages through its own allocations only; another's cursor gives nothing of it", async () => {
    const staff = (await list('?limit=1000')).items;
    const ownOf = (partnerId: string) =>
      staff.filter((p) => p.allocations.some((a) => a.partnerId === partnerId));
    for (const partnerId of ['P1', 'P2']) {
      const { pages, items } = await allPages('?limit=3', { partner: partnerId });
      expect(pages.length).toBeGreaterThan(1);
      expect(ids(items)).toEqual(ids(ownOf(partnerId)));
      for (const p of items) {
        expect(p.allocations.map((a) => a.partnerId)).toEqual([partnerId]);
        expect(p.amount).toBe(p.allocations[0]?.amount);
      }
      // Naming another partner is refused, as before paging.
      const other = partnerId === 'P1' ? 'P2' : 'P1';
      const named = await api.call('GET', `/v1/payouts?partnerId=${other}&limit=3`, {
        as: { partner: partnerId },
      });
      expect(named.status).toBe(403);
    }
    // P1's cursor, or a staff one, used by P2: refused, nothing of P1's is shown.
    const p1Cursor = (await list('?limit=3', { partner: 'P1' })).nextCursor ?? '';
    const staffCursor = (await list('?limit=3')).nextCursor ?? '';
    for (const cursor of [p1Cursor, staffCursor]) {
      const answer = await api.call(
        'GET',
        `/v1/payouts?limit=3&cursor=${encodeURIComponent(cursor)}`,
        {
          as: { partner: 'P2' },
        },
      );
      expect({ status: answer.status, json: answer.json }).toMatchObject({
        status: 400,
        json: { field: 'cursor' },
      });
      expect(answer.text).not.toContain('C1');
    }
    // Even a cursor forged for P2's own query at P1's position only moves within P2's list.
    const p1First = ownOf('P1')[0]!;
    const forged = encodePayoutCursor(
      { at: p1First.at, payoutId: p1First.payoutId },
      payoutQueryDigest({ order: 'oldest', partnerId: 'P2', viewer: 'partner:P2' }),
    );
    const page = await list(`?limit=1000&cursor=${encodeURIComponent(forged)}`, {
      partner: 'P2',
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((p) => p.allocations.every((a) => a.partnerId === 'P2'))).toBe(true);
    expect(ids(page.items)).toEqual(
      ids(
        ownOf('P2').filter(
          (p) => p.at > p1First.at || (p.at === p1First.at && p.payoutId > p1First.payoutId),
        ),
      ),
    );
  });
});
