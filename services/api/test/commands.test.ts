import { CommandAnswer, Problem } from '@rebate/api';
import {
  backends,
  positionOf,
  seedLedger,
  trade,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/** Every command resource over real HTTP, and every error code it can answer with. */

describe.each(backends)('commands on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  const admin = { as: 'admin' as const };
  const expectProblem = (
    answer: { status: number; json: unknown; headers: Headers },
    status: number,
    code: string,
    field?: string,
  ) => {
    expect({ status: answer.status, json: answer.json }).toMatchObject({ status, json: { code } });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Problem.is(answer.json)).toBe(true);
    if (field !== undefined) expect(answer.json).toMatchObject({ field });
  };

  test('register-partner answers 201, its position and a Location', async () => {
    const answer = await api.call('POST', '/v1/partners', {
      ...admin,
      body: { partnerId: 'P9', model: 'agent' },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe('/v1/partners/P9');
    expect(CommandAnswer.is(answer.json)).toBe(true);
    expect(answer.json).toMatchObject({
      status: 'accepted',
      position: expect.stringMatching(/^\d+$/),
    });
  });

  test('every agreement command is accepted with the position of its events', async () => {
    const calls: [string, string, unknown?][] = [
      ['PUT', '/v1/remuneration/STANDARD', { usdPerLot: 7 }],
      ['PUT', '/v1/partners/P2/remuneration/FIXED', { usdPerLot: '12.5' }],
      ['POST', '/v1/partners/P9/clients', { clientId: 'C9' }],
      ['PUT', '/v1/partners/P9/rebate-rate', { percent: '10' }],
      ['PUT', '/v1/partners/P9/clients/C9/rebate-rate', { percent: '33.33' }],
      ['POST', '/v1/partners/P9/suspend-rebates'],
      ['POST', '/v1/partners/P9/resume-rebates'],
      ['POST', '/v1/partners/P9/clients/C9/suspend-rebates'],
      ['POST', '/v1/partners/P9/clients/C9/resume-rebates'],
      ['POST', '/v1/partners/P9/clients/C9/cancel-rebates'],
      ['POST', '/v1/partners/P9/cancel-rebates'],
    ];
    let last = 0n;
    for (const [method, path, body] of calls) {
      const answer = await api.call(method, path, { ...admin, body });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      const position = BigInt(positionOf(answer.json));
      expect(position).toBeGreaterThan(last);
      last = position;
    }
  });

  test('a partner token runs its own rate and switch commands', async () => {
    const p9 = { as: { partner: 'P9' } };
    expect(
      (await api.call('PUT', '/v1/partners/P9/rebate-rate', { ...p9, body: { percent: 5 } }))
        .status,
    ).toBe(200);
    expect((await api.call('POST', '/v1/partners/P9/clients/C9/suspend-rebates', p9)).status).toBe(
      200,
    );
  });

  test('trades: one message, then an array with a duplicate, a void and a bad item', async () => {
    const one = await api.call('POST', '/v1/trades', { ...admin, body: trade('T1', 'C1', '10') });
    expect(one.json).toMatchObject({ status: 'accepted' });

    const again = await api.call('POST', '/v1/trades', {
      ...admin,
      body: trade('T1', 'C1', '10.00'),
    });
    expect(again.json).toMatchObject({ status: 'duplicate', position: null });

    const batch = await api.call('POST', '/v1/trades', {
      ...admin,
      body: [
        trade('T2', 'C1', '5'),
        trade('T1', 'C1', '10'),
        { type: 'trade-cancelled', tradeId: 'T2', at: '2026-09-03T00:00:00Z' },
        trade('T3', 'C1', '1.005'),
        trade('T4', 'C-direct', '1'),
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.json).toMatchObject({
      accepted: 3,
      duplicates: 1,
      rejected: 1,
      results: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'duplicate' },
        { index: 2, status: 'accepted' },
        {
          index: 3,
          status: 'rejected',
          code: 'invalid-input',
          reason: 'lots has more than 2 decimals',
        },
        { index: 4, status: 'accepted' },
      ],
    });
  });

  test('decimals sent as JSON numbers stay exact (read losslessly)', async () => {
    const answer = await api.call('POST', '/v1/trades', {
      ...admin,
      raw: '{"type":"trade-closed","tradeId":"T-num","clientId":"C1","accountType":"FIXED","symbol":"X","lots":0.1,"closedAt":"2026-09-02T00:00:00Z"}',
    });
    expect(answer.status).toBe(200);
    const page = await api.call(
      'GET',
      `/v1/accruals?clientId=C1&minPosition=${positionOf(answer.json)}`,
      admin,
    );
    const accrual = (
      page.json as { items: { tradeId: string; remuneration: string }[] }
    ).items.find((item) => item.tradeId === 'T-num');
    expect(accrual?.remuneration).toBe('1.5');
  });

  test('run-payouts pays balances and answers the position of the payouts', async () => {
    const answer = await api.call('POST', '/v1/payout-runs', admin);
    expect(answer.status).toBe(200);
    const position = positionOf(answer.json);
    const client = await api.call('GET', `/v1/clients/C1?minPosition=${position}`, admin);
    expect(client.json).toMatchObject({ clientId: 'C1', paidOut: '30.3', balance: '0' });

    const nothingLeft = await api.call('POST', '/v1/payout-runs', {
      ...admin,
      body: { minimumUsd: '5' },
    });
    // Rules v2, section 9: a run that pays nobody is still a run (its id is taken): it is recorded.
    expect(nothingLeft.json).toMatchObject({ status: 'accepted', position: expect.any(String) });
  });

  test('400: a bad body names the field, with the same reason as an NDJSON line', async () => {
    expectProblem(
      await api.call('PUT', '/v1/partners/P1/rebate-rate', {
        ...admin,
        body: { percent: '100.01' },
      }),
      400,
      'invalid-input',
      'percent',
    );
    expectProblem(
      await api.call('POST', '/v1/partners', { ...admin, body: { partnerId: 'P7' } }),
      400,
      'invalid-input',
      'model',
    );
    expectProblem(
      await api.call('POST', '/v1/trades', {
        ...admin,
        body: { ...trade('T5', 'C1', '1'), closedAt: 'yesterday' },
      }),
      400,
      'invalid-input',
      'closedAt',
    );
    expectProblem(
      await api.call('POST', '/v1/trades', {
        ...admin,
        body: { type: 'register-partner', partnerId: 'X', model: 'a', at: '2026-09-01T00:00:00Z' },
      }),
      400,
      'invalid-input',
    );
    expectProblem(
      await api.call('POST', '/v1/partners', { ...admin, raw: '{"partnerId": "P7", ' }),
      400,
      'invalid-input',
      'body',
    );
    expectProblem(
      await api.call('POST', '/v1/trades', { ...admin, body: [] }),
      400,
      'invalid-input',
    );
    expectProblem(
      await api.call('POST', '/v1/partners', { ...admin, raw: '[1]' }),
      400,
      'invalid-input',
    );
  });

  test('404 for unknown partners, clients and trades', async () => {
    expectProblem(
      await api.call('POST', '/v1/partners/NOPE/clients', { ...admin, body: { clientId: 'C1' } }),
      404,
      'unknown-partner',
      'partnerId',
    );
    expectProblem(
      await api.call('POST', '/v1/partners/P1/clients/C-nobody/suspend-rebates', admin),
      404,
      'unknown-client',
      'clientId',
    );
    expectProblem(
      await api.call('POST', '/v1/trades', {
        ...admin,
        body: { type: 'trade-cancelled', tradeId: 'T-never', at: '2026-09-03T00:00:00Z' },
      }),
      404,
      'unknown-trade',
      'tradeId',
    );
  });

  test('409 for a registered partner, a conflicting trade and a back-dated command', async () => {
    expectProblem(
      await api.call('POST', '/v1/partners', {
        ...admin,
        body: { partnerId: 'P1', model: 'agent' },
      }),
      409,
      'already-registered',
    );
    expectProblem(
      await api.call('POST', '/v1/trades', { ...admin, body: trade('T1', 'C1', '11') }),
      409,
      'conflicting-trade',
    );
    // An import may state times ahead of the clock; a command received now is then back-dated.
    const future = await api.call('POST', '/v1/commands', {
      ...admin,
      raw: JSON.stringify({
        type: 'set-rebate-rate',
        partnerId: 'P2',
        percent: '1',
        at: '2030-01-01T00:00:00Z',
      }),
      contentType: 'application/x-ndjson',
    });
    expect(future.json).toMatchObject({ accepted: 1 });
    expectProblem(
      await api.call('POST', '/v1/partners/P2/suspend-rebates', admin),
      409,
      'back-dated',
      'at',
    );
  });

  test('422 for rebate commands of a non-agent and for a client of another partner', async () => {
    expectProblem(
      await api.call('PUT', '/v1/partners/P0/rebate-rate', { ...admin, body: { percent: '10' } }),
      422,
      'not-agent',
    );
    const p1 = { as: { partner: 'P1' } };
    expectProblem(
      await api.call('PUT', '/v1/partners/P1/clients/C2/rebate-rate', {
        ...p1,
        body: { percent: '50' },
      }),
      422,
      'not-attached',
      'clientId',
    );
  });

  test('Idempotency-Key: a retry replays the first answer; another request with it is 422', async () => {
    const headers = { 'idempotency-key': 'register-P8' };
    const first = await api.call('POST', '/v1/partners', {
      ...admin,
      headers,
      body: { partnerId: 'P8', model: 'agent' },
    });
    const retry = await api.call('POST', '/v1/partners', {
      ...admin,
      headers,
      body: { partnerId: 'P8', model: 'agent' },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const rejectedFirst = await api.call('PUT', '/v1/partners/P0/rebate-rate', {
      ...admin,
      headers: { 'idempotency-key': 'k-422' },
      body: { percent: '1' },
    });
    const rejectedRetry = await api.call('PUT', '/v1/partners/P0/rebate-rate', {
      ...admin,
      headers: { 'idempotency-key': 'k-422' },
      body: { percent: '1' },
    });
    expect([rejectedFirst.status, rejectedRetry.status]).toEqual([422, 422]);

    expectProblem(
      await api.call('POST', '/v1/partners', {
        ...admin,
        headers,
        body: { partnerId: 'P7', model: 'agent' },
      }),
      422,
      'idempotency-key-reused',
      'Idempotency-Key',
    );
    expectProblem(
      await api.call('POST', '/v1/partners', {
        ...admin,
        headers: { 'idempotency-key': 'bad key' },
        body: { partnerId: 'P7', model: 'a' },
      }),
      400,
      'invalid-input',
      'Idempotency-Key',
    );
  });

  test('the same key from two callers are two commands', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const byP1 = await api.call('PUT', '/v1/partners/P1/rebate-rate', {
      as: { partner: 'P1' },
      headers,
      body: { percent: '20' },
    });
    const byP9 = await api.call('PUT', '/v1/partners/P9/rebate-rate', {
      as: { partner: 'P9' },
      headers,
      body: { percent: '20' },
    });
    expect([byP1.status, byP9.status]).toEqual([200, 200]);
    expect(byP9.headers.get('idempotent-replayed')).toBeNull();
  });

  test('bulk import answers a summary: rejected lines in full, the rest counted; each line`s own at', async () => {
    const lines = [
      JSON.stringify({
        type: 'register-partner',
        partnerId: 'B1',
        model: 'agent',
        at: '2026-09-05T00:00:00Z',
      }),
      '',
      JSON.stringify({
        type: 'attach-client',
        partnerId: 'B1',
        clientId: 'BC1',
        at: '2026-09-05T00:00:01Z',
      }),
      JSON.stringify({
        type: 'set-rebate-rate',
        partnerId: 'B1',
        percent: '50',
        at: '2026-09-05T00:00:02Z',
      }),
      JSON.stringify(trade('BT1', 'BC1', '2', '2026-09-06T00:00:00Z')),
      JSON.stringify(trade('BT1', 'BC1', '2', '2026-09-06T00:00:00Z')),
      'not json',
      JSON.stringify({
        type: 'register-partner',
        partnerId: 'B1',
        model: 'agent',
        at: '2026-09-07T00:00:00Z',
      }),
      JSON.stringify({ type: 'run-payouts', at: '2026-09-08T00:00:00Z' }),
    ];
    const answer = await api.call('POST', '/v1/commands', {
      ...admin,
      raw: lines.join('\n'),
      contentType: 'application/x-ndjson',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      lines: 8,
      accepted: 5,
      duplicates: 1,
      rejected: 2,
      results: [
        { line: 7, status: 'rejected', code: 'invalid-input', reason: 'not a JSON object' },
        { line: 8, status: 'rejected', code: 'already-registered' },
      ],
    });
    expect((answer.json as { results: unknown[] }).results).toHaveLength(2);
    const client = await api.call(
      'GET',
      `/v1/clients/BC1?minPosition=${positionOf(answer.json)}`,
      admin,
    );
    expect(client.json).toMatchObject({ rebates: '15', paidOut: '15', balance: '0' });
  });

  test('415 when the bulk import is not NDJSON, or a command is not JSON', async () => {
    expectProblem(
      await api.call('POST', '/v1/commands', { ...admin, body: {} }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await api.call('POST', '/v1/partners', { ...admin, raw: 'x', contentType: 'text/plain' }),
      415,
      'unsupported-media-type',
    );
  });

  test('no endpoint: 404 problem', async () => {
    expectProblem(await api.call('GET', '/v1/nothing-here', admin), 404, 'not-found');
  });
});
