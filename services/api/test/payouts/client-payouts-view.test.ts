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
 * A client's view splits paid out into paid (completed) and in flight (requested, no result),
 * and answers payable now (`pendingPayout`) with the hold applied, as a run would pay it.
 */

describe.each(backends)('client payout figures on $name', (backend) => {
  let api: TestApi;
  let position = '0';
  const admin = { as: 'admin' as const };
  const must = async (answer: Promise<Answer>): Promise<Answer> => {
    const done = await answer;
    if (done.status >= 300) throw new Error(`${done.status} ${done.text}`);
    position = positionOf(done.json);
    return done;
  };
  const client = async (options: CallOptions = admin) => {
    const answer = await api.call('GET', `/v1/clients/C1?minPosition=${position}`, options);
    expect(answer.status).toBe(200);
    return answer.json as Record<string, unknown>;
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { limits: { readWaitMs: 2_000 } });
    await seedLedger(api); // FIXED 15 USD per lot; P1 20 % with C1; received on 09-01
    await must(api.call('PUT', '/v1/payout-hold', { ...admin, body: { days: 5 } }));
    await must(
      api.call('PUT', '/v1/partners/P2/rebate-rate', { ...admin, body: { percent: '20' } }),
    );
    // 3 USD closed on 09-02, 6 USD on 09-08.
    await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: [
          trade('T1', 'C1', '1', '2026-09-02T10:00:00Z'),
          trade('T2', 'C1', '2', '2026-09-08T10:00:00Z'),
        ],
      }),
    );
  });
  afterAll(() => api?.close());

  test('the hold: payable now counts only what closed before the cutoff; the balance counts all', async () => {
    api.clock.set('2026-09-10T00:00:00Z'); // cutoff 09-05
    expect(await client()).toMatchObject({
      rebates: '9',
      paidOut: '0',
      paid: '0',
      inFlight: '0',
      balance: '9',
      pendingPayout: '3',
    });
  });

  test('a run: in flight until its result; completed, paid', async () => {
    api.clock.set('2026-09-10T00:00:00Z');
    await must(api.call('POST', '/v1/payout-runs', { ...admin, body: { runId: 'R1' } }));
    expect(await client()).toMatchObject({
      paidOut: '3',
      paid: '0',
      inFlight: '3',
      balance: '6',
      pendingPayout: '0', // the 6 are still held
    });
    await must(api.call('POST', '/v1/payouts/R1%2FC1/completed', admin));
    expect(await client()).toMatchObject({
      paidOut: '3',
      paid: '3',
      inFlight: '0',
      balance: '6',
      pendingPayout: '0',
    });
    api.clock.set('2026-09-14T00:00:00Z'); // cutoff 09-09: the 6 are payable
    expect(await client()).toMatchObject({ balance: '6', pendingPayout: '6' });
  });

  test('a failure gives the amount back; a moved client: each partner sees its own part', async () => {
    api.clock.set('2026-09-14T00:00:00Z');
    await must(api.call('POST', '/v1/payout-runs', { ...admin, body: { runId: 'R2' } }));
    expect(await client()).toMatchObject({ paidOut: '9', paid: '3', inFlight: '6' });
    await must(
      api.call('POST', '/v1/payouts/R2%2FC1/failed', { ...admin, body: { reason: 'no' } }),
    );
    expect(await client()).toMatchObject({
      paidOut: '3',
      paid: '3',
      inFlight: '0',
      balance: '6',
      pendingPayout: '6',
    });
    // Moved to P2 on 09-15; 3 USD under P2 closed on 09-16.
    api.clock.set('2026-09-15T00:00:00Z');
    await must(api.call('POST', '/v1/partners/P2/clients', { ...admin, body: { clientId: 'C1' } }));
    await must(
      api.call('POST', '/v1/trades', {
        ...admin,
        body: [trade('T3', 'C1', '1', '2026-09-16T10:00:00Z')],
      }),
    );
    api.clock.set('2026-09-18T00:00:00Z'); // cutoff 09-13: P2's 3 are held
    expect(await client()).toMatchObject({ balance: '9', pendingPayout: '6' });
    expect(await client({ as: { partner: 'P2' } })).toMatchObject({
      rebates: '3',
      paidOut: '0',
      pendingPayout: '0',
    });
    api.clock.set('2026-09-25T00:00:00Z'); // cutoff 09-20: everything
    expect(await client()).toMatchObject({ pendingPayout: '9' });
    expect(await client({ as: { partner: 'P2' } })).toMatchObject({ pendingPayout: '3' });
    const list = await api.call('GET', `/v1/partners/P2/clients?minPosition=${position}`, {
      as: { partner: 'P2' },
    });
    expect(list.json).toMatchObject({
      items: [
        { clientId: 'C1', pendingPayout: '3' },
        { clientId: 'C2', pendingPayout: '0' },
      ],
    });
    const staff = await api.call('GET', `/v1/clients?minPosition=${position}`, admin);
    expect((staff.json as { items: { clientId: string }[] }).items).toContainEqual(
      expect.objectContaining({ clientId: 'C1', paid: '3', inFlight: '0', pendingPayout: '9' }),
    );
  });
});
