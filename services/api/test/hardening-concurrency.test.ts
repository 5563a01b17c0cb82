import { backends, seedLedger, trade, type TestApi, startTestApi } from '@rebate/test-support/api';

/**
 * Hardening issue #5 and #15: parallel requests get real answers: concurrency conflicts are
 * retried (or waited for) inside, never a 500, never a misleading rejection.
 */
describe.each(backends)('parallel requests on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  test('#15 ten parallel attaches are all accepted (none back-dated)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.call('POST', '/v1/partners/P1/clients', { as: 'admin', body: { clientId: `PAR${i}` } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  });

  test('#15 twenty parallel trades with one tradeId: all 200, one accrual, no 422', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.call('POST', '/v1/trades', { as: 'admin', body: trade('SAME-1', 'C3', '1') }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    // A racer whose identical append met the stored one is answered with that one's position
    // (accepted); one that read the stored trade first is a duplicate. Never two accruals.
    const accepted = answers
      .map((a) => a.json as { status: string; position: string | null })
      .filter((a) => a.status === 'accepted');
    expect(new Set(accepted.map((a) => a.position)).size).toBe(1);
    const client = await api.call(
      'GET',
      `/v1/clients/C3?minPosition=${accepted[0]?.position ?? '1'}`,
      { as: 'admin' },
    );
    expect(client.json).toMatchObject({ trades: 1, lots: '1' });
  });

  test('#5 twenty parallel payout runs: no 500, nobody paid twice', async () => {
    await api.call('POST', '/v1/trades', { as: 'admin', body: trade('PAY-1', 'C1', '10') });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.call('POST', '/v1/payout-runs', { as: 'admin' })),
    );
    for (const answer of answers) {
      expect([200, 409]).toContain(answer.status);
      if (answer.status === 409) expect(answer.json).toMatchObject({ code: 'concurrent-update' });
    }
    const positions = answers.map((a) => (a.json as { position?: string | null }).position);
    const read = positions
      .filter((p): p is string => typeof p === 'string')
      .sort()
      .at(-1);
    const client = await api.call('GET', `/v1/clients/C1?minPosition=${read ?? '1'}`, {
      as: 'admin',
    });
    // C1 earned 20% of (1 + 10 lots x 15 USD) = 33 USD before this run; paid once.
    expect(client.json).toMatchObject({ balance: '0' });
    const body = client.json as { rebates: string; paidOut: string };
    expect(body.paidOut).toBe(body.rebates);
  });
});
