import {
  Accrual,
  Agreement,
  ClientBalance,
  ClientDay,
  PartnerBalance,
  PartnerDay,
} from '@rebate/read-models';
import {
  backends,
  positionOf,
  seedLedger,
  trade,
  type Answer,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/** Every query over real HTTP, their answers checked against the read models' own codecs. */

describe.each(backends)('queries on $name', (backend) => {
  let api: TestApi;
  let position: string;
  const admin = { as: 'admin' as const };
  const get = (path: string, as: Parameters<TestApi['call']>[2] = admin): Promise<Answer> =>
    api.call('GET', path, as);
  const items = (answer: Answer): unknown[] => (answer.json as { items: unknown[] }).items;

  beforeAll(async () => {
    api = await startTestApi(backend, { limits: { readWaitMs: 2_000 } });
    await seedLedger(api);
    await api.call('PUT', '/v1/partners/P1/clients/C3/rebate-rate', {
      ...admin,
      body: { percent: '50' },
    });
    const trades = await api.call('POST', '/v1/trades', {
      ...admin,
      body: [
        trade('T1', 'C1', '10', '2026-09-02T10:00:00Z'),
        trade('T2', 'C1', '5', '2026-09-03T23:59:59Z'),
        trade('T3', 'C2', '2', '2026-09-03T00:00:00Z'),
        trade('T4', 'C0', '1', '2026-09-03T00:00:00Z'),
        trade('T5', 'C3', '4', '2026-09-04T00:00:00+02:00'),
      ],
    });
    api.clock.set('2026-09-10T12:00:00Z');
    const payouts = await api.call('POST', '/v1/payout-runs', admin);
    position = positionOf([trades.json, payouts.json]);
  });
  afterAll(() => api?.close());

  test('partners: the list and one, with totals (minPosition waits for the writes)', async () => {
    const list = await get(`/v1/partners?minPosition=${position}`);
    expect(list.status).toBe(200);
    expect(items(list).every((item) => PartnerBalance.is(item))).toBe(true);
    expect(items(list).map((p) => (p as PartnerBalance).partnerId)).toEqual(['P0', 'P1', 'P2']);
    const p1 = await get('/v1/partners/P1');
    expect(p1.json).toEqual({
      partnerId: 'P1',
      model: 'agent',
      trades: 3,
      lots: '19',
      remuneration: '285',
      rebates: '75',
      overridesPaid: '0',
      overridesReceived: '0',
      net: '210',
      clients: 2,
    });
    expect(BigInt(p1.headers.get('ledger-position') ?? '0')).toBeGreaterThanOrEqual(
      BigInt(position),
    );
  });

  test('clients: all, by partner, of a partner, and one', async () => {
    const all = await get('/v1/clients');
    expect(items(all).every((item) => ClientBalance.is(item))).toBe(true);
    expect(items(all).map((c) => (c as ClientBalance).clientId)).toEqual(['C0', 'C1', 'C2', 'C3']);
    const ofP1 = await get('/v1/clients?partnerId=P1');
    expect(items(ofP1).map((c) => (c as ClientBalance).clientId)).toEqual(['C1', 'C3']);
    expect((await get('/v1/partners/P1/clients')).json).toEqual(ofP1.json);
    expect((await get('/v1/clients/C1')).json).toEqual({
      clientId: 'C1',
      partnerId: 'P1',
      trades: 2,
      lots: '15',
      rebates: '45',
      paidOut: '45',
      paid: '0',
      inFlight: '45',
      balance: '0',
      pendingPayout: '0',
    });
  });

  test('a partner reads its own partner, clients and statements', async () => {
    const p1 = { as: { partner: 'P1' } };
    expect((await get('/v1/partners/P1', p1)).status).toBe(200);
    expect((await get('/v1/partners/P1/clients', p1)).status).toBe(200);
    expect((await get('/v1/clients/C3', p1)).json).toMatchObject({ rebates: '30' });
    expect((await get('/v1/clients/C3/statement?from=2026-09-01&to=2026-09-30', p1)).status).toBe(
      200,
    );
  });

  test('daily statements of a partner and a client, as JSON', async () => {
    const partner = await get('/v1/partners/P1/statement?from=2026-09-02&to=2026-09-03');
    expect(partner.json).toEqual({
      partnerId: 'P1',
      from: '2026-09-02',
      to: '2026-09-03',
      days: [
        {
          day: '2026-09-02',
          trades: 1,
          lots: '10',
          remuneration: '150',
          rebates: '30',
          overridesPaid: '0',
          overridesReceived: '0',
          net: '120',
        },
        // T2 (C1, 20%) and T5 (C3, 50%, closed 2026-09-04T00:00+02:00, a 09-03 UTC close).
        {
          day: '2026-09-03',
          trades: 2,
          lots: '9',
          remuneration: '135',
          rebates: '45',
          overridesPaid: '0',
          overridesReceived: '0',
          net: '90',
        },
      ],
    });
    expect((partner.json as { days: unknown[] }).days.every((d) => PartnerDay.is(d))).toBe(true);
    const c3 = await get('/v1/clients/C3/statement?from=2026-09-01&to=2026-09-30');
    const days = (c3.json as { days: ClientDay[] }).days;
    expect(days.every((d) => ClientDay.is(d))).toBe(true);
    expect(days).toEqual([
      { day: '2026-09-03', trades: 1, lots: '4', rebates: '30', paidOut: '0' },
      { day: '2026-09-10', trades: 0, lots: '0', rebates: '0', paidOut: '30' },
    ]);
  });

  test('statements as CSV, by format=csv or by Accept: text/csv', async () => {
    const byFormat = await get(
      '/v1/partners/P1/statement?from=2026-09-01&to=2026-09-30&format=csv',
    );
    expect(byFormat.status).toBe(200);
    expect(byFormat.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byFormat.headers.get('content-disposition')).toContain(
      'statement-P1-2026-09-01-2026-09-30.csv',
    );
    expect(byFormat.text).toBe(
      'day,trades,lots,remuneration,rebates,overridesPaid,overridesReceived,net\r\n' +
        '2026-09-02,1,10,150,30,0,0,120\r\n' +
        '2026-09-03,2,9,135,45,0,0,90\r\n',
    );
    const byAccept = await get('/v1/clients/C1/statement?from=2026-09-01&to=2026-09-30', {
      ...admin,
      headers: { accept: 'text/csv' },
    });
    expect(byAccept.text).toBe(
      'day,trades,lots,rebates,paidOut\r\n2026-09-02,1,10,30,0\r\n2026-09-03,1,5,15,0\r\n2026-09-10,0,0,0,45\r\n',
    );
  });

  test('statements: 400 for a bad or reversed range, 404 for unknown ids', async () => {
    const bad = await get('/v1/partners/P1/statement?from=2026-02-30&to=2026-03-01');
    expect(bad.json).toMatchObject({ status: 400, code: 'invalid-input', field: 'from' });
    const reversed = await get('/v1/partners/P1/statement?from=2026-09-02&to=2026-09-01');
    expect(reversed.json).toMatchObject({ status: 400, field: 'to' });
    const missing = await get('/v1/partners/P1/statement?from=2026-09-02');
    expect(missing.json).toMatchObject({
      status: 400,
      field: 'to',
      detail: 'query: to is missing',
    });
    expect(
      (await get('/v1/partners/NOPE/statement?from=2026-09-01&to=2026-09-02')).json,
    ).toMatchObject({
      status: 404,
      code: 'unknown-partner',
    });
    expect(
      (await get('/v1/clients/NOPE/statement?from=2026-09-01&to=2026-09-02')).json,
    ).toMatchObject({
      status: 404,
      code: 'unknown-client',
    });
  });

  test('404 for a partner, client or agreement the read models do not have', async () => {
    for (const path of [
      '/v1/partners/NOPE',
      '/v1/partners/NOPE/clients',
      '/v1/partners/NOPE/agreement',
    ]) {
      expect((await get(path)).json).toMatchObject({
        status: 404,
        code: 'unknown-partner',
        field: 'partnerId',
      });
    }
    expect((await get('/v1/clients/NOPE')).json).toMatchObject({
      status: 404,
      code: 'unknown-client',
    });
  });

  test('accruals: pages in global order, filtered, each page linked by nextCursor', async () => {
    const seen: Accrual[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Answer = await get(`/v1/accruals?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = page.json as { items: Accrual[]; nextCursor: string | null };
      expect(body.items.every((item) => Accrual.is(item))).toBe(true);
      seen.push(...body.items);
      cursor = body.nextCursor;
    }
    expect(seen.map((a) => a.tradeId)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    const c3 = await get('/v1/accruals?clientId=C3');
    expect(c3.json).toMatchObject({
      items: [{ tradeId: 'T5', percent: '50', rateRule: 'individual', rebate: '30', net: '30' }],
      nextCursor: null,
    });
    const p2 = await get('/v1/accruals?partnerId=P2');
    expect(items(p2)).toHaveLength(1);
  });

  test('accruals: 400 for a bad cursor or limit', async () => {
    expect((await get('/v1/accruals?cursor=not-a-cursor')).json).toMatchObject({
      status: 400,
      field: 'cursor',
    });
    expect((await get('/v1/accruals?limit=0')).json).toMatchObject({ status: 400, field: 'limit' });
    expect((await get('/v1/accruals?limit=1001')).json).toMatchObject({
      status: 400,
      field: 'limit',
    });
  });

  test('a partner`s accrual list is its own, whether or not it names itself', async () => {
    const p2 = { as: { partner: 'P2' } };
    const own = await get('/v1/accruals', p2);
    expect(items(own).map((a) => (a as Accrual).partnerId)).toEqual(['P2']);
    expect(items(await get('/v1/accruals?clientId=C1', p2))).toEqual([]);
    expect((await get('/v1/accruals?partnerId=P1', p2)).status).toBe(403);
  });

  test('the agreement: current terms and the change history', async () => {
    const answer = await get('/v1/partners/P1/agreement');
    expect(Agreement.is(answer.json)).toBe(true);
    expect(answer.json).toMatchObject({
      partnerId: 'P1',
      model: 'agent',
      defaultRate: '20',
      suspended: false,
      clients: [
        { clientId: 'C1', individualRate: null, suspended: false, cancelled: false },
        { clientId: 'C3', individualRate: '50', suspended: false, cancelled: false },
      ],
    });
    const history = (answer.json as Agreement).history.map((change) => [
      change.type,
      change.clientId,
    ]);
    expect(history).toEqual([
      ['PartnerRegistered', null],
      ['ClientAttached', 'C1'],
      ['ClientAttached', 'C3'],
      ['RebateRateSet', null],
      ['RebateRateSet', 'C3'],
    ]);
  });

  test('minPosition: 504 when the read models do not reach it in time; 400 when malformed', async () => {
    const far = await get('/v1/partners?minPosition=999999999999');
    expect(far.status).toBe(504);
    expect(far.json).toMatchObject({ code: 'position-not-reached', field: 'minPosition' });
    expect(far.headers.get('retry-after')).toBe('1');
    expect((await get('/v1/partners?minPosition=-1')).json).toMatchObject({
      status: 400,
      field: 'minPosition',
    });
  });

  test('read-your-writes: a command`s position makes the next read include it', async () => {
    const answer = await api.call('POST', '/v1/partners', {
      ...admin,
      body: { partnerId: 'P-new', model: 'agent' },
    });
    const read = await get(`/v1/partners/P-new?minPosition=${positionOf(answer.json)}`);
    expect(read.status).toBe(200);
  });
});
