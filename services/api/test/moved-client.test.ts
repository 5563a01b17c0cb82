import {
  backends,
  positionOf,
  seedLedger,
  trade,
  type Answer,
  type CallOptions,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * A client that moved from P1 to P2: P2's token sees only what was attributed to P2 (its
 * balance and statement, JSON and CSV), never P1's period; finance and admin see the whole
 * account; P1 no longer reads the client at all.
 */

describe.each(backends)('a moved client on $name', (backend) => {
  let api: TestApi;
  let position: string;
  const admin = { as: 'admin' as const };
  const p2 = { as: { partner: 'P2' } };
  const get = (path: string, options: CallOptions): Promise<Answer> =>
    api.call('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, options);
  const must = async (answer: Promise<Answer>): Promise<Answer> => {
    const done = await answer;
    if (done.status >= 300) throw new Error(done.text);
    return done;
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { limits: { readWaitMs: 2_000 } });
    await seedLedger(api); // FIXED 15 USD per lot; P1 20 % with C1
    await must(
      api.call('PUT', '/v1/partners/P2/rebate-rate', { ...admin, body: { percent: '50' } }),
    );
    // Under P1: 10 lots, 30 USD rebate; paid on 09-05.
    await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: [trade('T1', 'C1', '10', '2026-09-02T10:00:00Z')],
      }),
    );
    api.clock.set('2026-09-05T12:00:00Z');
    await must(api.call('POST', '/v1/payout-runs', admin));
    // Moved to P2 on 09-10; under P2: 2 lots, 15 USD rebate.
    api.clock.set('2026-09-10T00:00:00Z');
    await must(api.call('POST', '/v1/partners/P2/clients', { ...admin, body: { clientId: 'C1' } }));
    api.clock.set('2026-09-12T00:00:00Z');
    const trades = await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: [trade('T2', 'C1', '2', '2026-09-11T10:00:00Z')],
      }),
    );
    position = positionOf(trades.json);
  });
  afterAll(() => api?.close());

  test('its new partner sees only its own period of the balance', async () => {
    const own = await get('/v1/clients/C1', p2);
    expect(own.status).toBe(200);
    expect(own.json).toEqual({
      clientId: 'C1',
      partnerId: 'P2',
      trades: 1,
      lots: '2',
      rebates: '15',
      paidOut: '0',
      paid: '0',
      inFlight: '0',
      balance: '15',
      pendingPayout: '15',
    });
  });

  test("its new partner's client list shows only its own period (issue 8, finding 4)", async () => {
    const own = {
      clientId: 'C1',
      partnerId: 'P2',
      trades: 1,
      lots: '2',
      rebates: '15',
      paidOut: '0',
      paid: '0',
      inFlight: '0',
      balance: '15',
      pendingPayout: '15',
    };
    const c1Of = async (options: CallOptions) =>
      (
        (await get('/v1/partners/P2/clients', options)).json as { items: { clientId: string }[] }
      ).items.find((client) => client.clientId === 'C1');
    expect(await c1Of(p2)).toEqual(own);
    expect(await c1Of(admin)).toEqual({
      ...own,
      trades: 2,
      lots: '12',
      rebates: '45',
      paidOut: '30',
      paid: '0',
      inFlight: '30',
    });
  });

  test('finance and admin see the whole account', async () => {
    const whole = {
      clientId: 'C1',
      partnerId: 'P2',
      trades: 2,
      lots: '12',
      rebates: '45',
      paidOut: '30',
      paid: '0',
      inFlight: '30',
      balance: '15',
      pendingPayout: '15',
    };
    expect((await get('/v1/clients/C1', admin)).json).toEqual(whole);
    expect((await get('/v1/clients/C1', { as: 'finance' })).json).toEqual(whole);
  });

  test('its new partner sees only its own period of the statement, JSON and CSV', async () => {
    const path = '/v1/clients/C1/statement?from=2026-09-01&to=2026-09-30';
    expect((await get(path, p2)).json).toEqual({
      clientId: 'C1',
      from: '2026-09-01',
      to: '2026-09-30',
      days: [{ day: '2026-09-11', trades: 1, lots: '2', rebates: '15', paidOut: '0' }],
    });
    expect((await get(`${path}&format=csv`, p2)).text).toBe(
      'day,trades,lots,rebates,paidOut\r\n2026-09-11,1,2,15,0\r\n',
    );
    expect((await get(path, admin)).json).toEqual({
      clientId: 'C1',
      from: '2026-09-01',
      to: '2026-09-30',
      days: [
        { day: '2026-09-02', trades: 1, lots: '10', rebates: '30', paidOut: '0' },
        { day: '2026-09-05', trades: 0, lots: '0', rebates: '0', paidOut: '30' },
        { day: '2026-09-11', trades: 1, lots: '2', rebates: '15', paidOut: '0' },
      ],
    });
    expect((await get(`${path}&format=csv`, { as: 'finance' })).text).toBe(
      'day,trades,lots,rebates,paidOut\r\n' +
        '2026-09-02,1,10,30,0\r\n2026-09-05,0,0,0,30\r\n2026-09-11,1,2,15,0\r\n',
    );
  });

  test('its old partner reads it no more', async () => {
    const p1 = { as: { partner: 'P1' } };
    expect((await get('/v1/clients/C1', p1)).status).toBe(403);
    expect((await get('/v1/clients/C1/statement?from=2026-09-01&to=2026-09-30', p1)).status).toBe(
      403,
    );
  });
});
