import { backends, seedLedger, trade, type TestApi, startTestApi } from '@rebate/test-support/api';

/** The rules-v2 command routes, the payout-run preview and the payout queries, over real HTTP. */

describe.each(backends)('rules v2 routes on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  const admin = { as: 'admin' as const };
  const ok = async (method: string, path: string, body?: unknown) => {
    const answer = await api.call(method, path, { ...admin, body });
    expect({ path, status: answer.status, json: answer.json }).toMatchObject({
      path,
      status: 200,
      json: { status: 'accepted' },
    });
  };

  test('the OpenAPI document offers dryRun, which the dashboard looks for before previewing', async () => {
    const doc = (await api.call('GET', '/openapi.json')).json as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    expect(doc.paths['/v1/payout-runs']?.['post']?.parameters).toContainEqual(
      expect.objectContaining({ name: 'dryRun', in: 'query' }),
    );
  });

  test('settings, sub-partners and override rates are applied; a non-direct child is refused', async () => {
    await ok('PUT', '/v1/payout-hold', { days: 0 });
    await ok('PUT', '/v1/qualification', { minHoldSeconds: 0 });
    await ok('PUT', '/v1/partners/P1/qualification', { minHoldSeconds: 0 });
    await ok('PUT', '/v1/remuneration/FIXED/symbols/XAUUSD', { usdPerLot: '30' });
    await ok('PUT', '/v1/partners/P1/remuneration/FIXED/symbols/XAUUSD', { usdPerLot: '25' });
    const sub = await api.call('POST', '/v1/partners', {
      ...admin,
      body: { partnerId: 'P1A', model: 'agent', parentId: 'P1' },
    });
    expect(sub.status).toBe(201);
    const orphan = await api.call('POST', '/v1/partners', {
      ...admin,
      body: { partnerId: 'PZ', model: 'agent', parentId: 'NOBODY' },
    });
    expect(orphan.json).toMatchObject({ code: 'unknown-partner' });
    const own = await api.call('PUT', '/v1/partners/P1/sub-partners/P1A/override-rate', {
      as: { partner: 'P1' },
      body: { percent: '10' },
    });
    expect(own.status).toBe(200);
    await ok('PUT', '/v1/partners/P1/override-rate', { percent: '5' });
    const notChild = await api.call('PUT', '/v1/partners/P1/sub-partners/P2/override-rate', {
      as: { partner: 'P1' },
      body: { percent: '10' },
    });
    expect({ status: notChild.status, json: notChild.json }).toMatchObject({
      status: 422,
      json: { code: 'not-sub-partner', field: 'childId' },
    });
    const badDays = await api.call('PUT', '/v1/payout-hold', { ...admin, body: { days: '1.5' } });
    expect({ status: badDays.status, json: badDays.json }).toMatchObject({
      status: 400,
      json: { code: 'invalid-input', field: 'days' },
    });
  });

  test('a dry run pays nothing; the real run pays what it previewed; results and queries', async () => {
    for (const [id, client, lots] of [
      ['TV1', 'C1', '1'],
      ['TV3', 'C3', '2'],
    ] as const) {
      expect(
        (await api.call('POST', '/v1/trades', { ...admin, body: trade(id, client, lots) })).status,
      ).toBe(200);
    }
    api.clock.set('2026-09-10T00:00:00Z');
    const preview = await api.call('POST', '/v1/payout-runs?dryRun=true', {
      ...admin,
      body: { runId: 'R1', minimumUsd: '0.01' },
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({
      runId: 'R1',
      at: '2026-09-10T00:00:00Z',
      holdDays: 0,
      cutoff: null,
      payouts: [
        { payoutId: 'R1/C1', clientId: 'C1', partnerId: 'P1', amount: '3' },
        { payoutId: 'R1/C3', clientId: 'C3', partnerId: 'P1', amount: '6' },
      ],
      total: '9',
    });
    expect((await api.call('GET', '/v1/payouts', admin)).json).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });

    await ok('POST', '/v1/payout-runs', { runId: 'R1', minimumUsd: '0.01' });
    const paid = (await api.call('GET', '/v1/payouts?runId=R1', admin)).json as {
      items: { payoutId: string; amount: string; status: string }[];
    };
    expect(paid.items.map((p) => [p.payoutId, p.amount, p.status])).toEqual([
      ['R1/C1', '3', 'requested'],
      ['R1/C3', '6', 'requested'],
    ]);
    const again = await api.call('POST', '/v1/payout-runs', { ...admin, body: { runId: 'R1' } });
    expect(again.json).toMatchObject({ code: 'conflicting-run', field: 'runId' });

    await ok('POST', '/v1/payouts/R1%2FC1/completed');
    const contradicted = await api.call('POST', '/v1/payouts/R1%2FC1/failed', {
      ...admin,
      body: { reason: 'bank refused' },
    });
    expect({ status: contradicted.status, json: contradicted.json }).toMatchObject({
      status: 409,
      json: { code: 'conflicting-result' },
    });
    await ok('POST', '/v1/payouts/R1%2FC3/failed', { reason: 'bank refused' });
    const unknown = await api.call('POST', '/v1/payouts/R9%2FC1/completed', admin);
    expect({ status: unknown.status, json: unknown.json }).toMatchObject({
      status: 404,
      json: { code: 'unknown-payout', field: 'payoutId' },
    });

    const failed = (await api.call('GET', '/v1/payouts?status=failed', admin)).json as {
      items: { payoutId: string }[];
    };
    expect(failed.items.map((p) => p.payoutId)).toEqual(['R1/C3']);
    expect((await api.call('GET', '/v1/payouts/R1%2FC1', { as: 'finance' })).json).toMatchObject({
      payoutId: 'R1/C1',
      status: 'completed',
      amount: '3',
      allocations: [{ partnerId: 'P1', amount: '3' }],
    });
    expect((await api.call('GET', '/v1/payout-runs/R1', admin)).json).toMatchObject({
      runId: 'R1',
      minimumUsd: '0.01',
      total: '9',
      holdDays: 0,
      payouts: [{ payoutId: 'R1/C1' }, { payoutId: 'R1/C3' }],
    });
    expect((await api.call('GET', '/v1/payout-runs/NOPE', admin)).status).toBe(404);

    // Partner scoping: P1 sees its allocations, P2 nothing and may not read P1's payouts.
    const p1 = (await api.call('GET', '/v1/payouts', { as: { partner: 'P1' } })).json as {
      items: { payoutId: string; amount: string }[];
    };
    expect(p1.items.map((p) => [p.payoutId, p.amount])).toEqual([
      ['R1/C1', '3'],
      ['R1/C3', '6'],
    ]);
    expect((await api.call('GET', '/v1/payouts', { as: { partner: 'P2' } })).json).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect((await api.call('GET', '/v1/payouts/R1%2FC1', { as: { partner: 'P2' } })).status).toBe(
      403,
    );
  });
});
