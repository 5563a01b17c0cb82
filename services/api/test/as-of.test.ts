import { parseInstant } from '@rebate/domain';
import { replayTrialBalance } from '@rebate/ledger';
import {
  backends,
  positionOf,
  seedLedger,
  trade,
  type Answer,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * `asOf`: the books as they stood at an instant (events recorded at or before it). An answer
 * taken as of T is taken again after more events, a late trade closed before T among them,
 * and must be identical; the live answer meanwhile moves on.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const AS_OF_QUERIES = [
  '/v1/partners',
  '/v1/partners/P1',
  '/v1/partners/P1/clients',
  '/v1/clients',
  '/v1/clients/C1',
  '/v1/partners/P1/statement?from=2026-09-01&to=2026-09-30',
  '/v1/clients/C1/statement?from=2026-09-01&to=2026-09-30',
  '/v1/partners/P1/statement?from=2026-09-01&to=2026-09-30&format=csv',
  '/v1/accruals?limit=2',
  '/v1/trial-balance',
];

describe.each(backends)('as of an instant on $name', (backend) => {
  let api: TestApi;
  const admin = { as: 'admin' as const };
  const get = (path: string, as: Parameters<TestApi['call']>[2] = admin): Promise<Answer> =>
    api.call('GET', path, as);
  const withAsOf = (path: string, asOf: string) =>
    `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`;
  const answers = (asOf: string) =>
    Promise.all(AS_OF_QUERIES.map(async (path) => (await get(withAsOf(path, asOf))).text));

  beforeAll(async () => {
    api = await startTestApi(backend, { limits: { readWaitMs: 5_000 } });
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  test('an answer as of T is the same after later events, a late trade among them', async () => {
    const first = await api.call('POST', '/v1/trades', {
      ...admin,
      body: [
        trade('T1', 'C1', '10', '2026-09-02T10:00:00Z'),
        trade('T2', 'C1', '5', '2026-09-03T12:00:00Z'),
      ],
    });
    await get(`/v1/partners?minPosition=${positionOf(first.json)}`);
    // T is after every event so far was recorded and before anything that follows is.
    await sleep(5);
    const asOf = new Date().toISOString();
    await sleep(5);
    const before = await answers(asOf);
    expect(JSON.parse(before[1] as string)).toMatchObject({
      partnerId: 'P1',
      trades: 2,
      lots: '15',
      remuneration: '225',
      rebates: '45',
      net: '180',
    });

    // After T: a late trade that closed before both, a void, a new rate, a payout run.
    api.clock.set('2026-09-10T12:00:00Z');
    const later = [
      await api.call('POST', '/v1/trades', {
        ...admin,
        body: [
          trade('T0', 'C1', '2', '2026-09-01T09:00:00Z'),
          trade('T3', 'C3', '4'),
          { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-05T00:00:00Z' },
        ],
      }),
      await api.call('PUT', '/v1/partners/P1/rebate-rate', { ...admin, body: { percent: '40' } }),
      await api.call('POST', '/v1/payout-runs', admin),
    ];
    for (const answer of later) expect(answer.status).toBeLessThan(300);
    const live = await get(`/v1/partners/P1?minPosition=${positionOf(later.map((a) => a.json))}`);
    expect(live.json).toMatchObject({ trades: 3, lots: '11' });

    const after = await answers(asOf);
    AS_OF_QUERIES.forEach((path, index) =>
      expect([path, after[index]]).toEqual([path, before[index]]),
    );
    // `rebate trial-balance --as-of` (the replay) answers what the API's as-of read models do.
    const replayed = await replayTrialBalance(api.backend.store, { asOf: parseInstant(asOf)! });
    expect(replayed).toEqual(JSON.parse(before[before.length - 1] as string));
    // The as-of answer says which position it stands at.
    const p1 = await get(withAsOf('/v1/partners/P1', asOf));
    expect(BigInt(p1.headers.get('ledger-position') ?? '0')).toBe(BigInt(positionOf(first.json)));
  });

  test('as of an instant before the first event: nothing yet', async () => {
    const asOf = '2020-01-01T00:00:00Z';
    expect((await get(withAsOf('/v1/partners', asOf))).json).toEqual({ items: [] });
    const p1 = await get(withAsOf('/v1/partners/P1', asOf));
    expect(p1.status).toBe(404);
    expect((await get(withAsOf('/v1/trial-balance', asOf))).json).toMatchObject({ accounts: [] });
  });

  test('a partner as of an instant still reads only its own', async () => {
    const asOf = new Date().toISOString();
    const p2 = { as: { partner: 'P2' } };
    expect((await get(withAsOf('/v1/partners/P1', asOf), p2)).status).toBe(403);
    const accruals = await get(withAsOf('/v1/accruals', asOf), p2);
    expect(accruals.status).toBe(200);
    expect((accruals.json as { items: unknown[] }).items).toEqual([]);
  });

  test('asOf that is not an instant is a 400 naming asOf', async () => {
    for (const bad of ['yesterday', '2026-09-01', '2026-13-01T00:00:00Z']) {
      const answer = await get(withAsOf('/v1/partners/P1', bad));
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.json).toMatchObject({ field: 'asOf' });
    }
  });
});
