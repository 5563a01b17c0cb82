import { backends, seedLedger, type TestApi, startTestApi } from '@rebate/test-support/api';

describe.each(backends)('health and metrics on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend, { limits: { readyBoundMs: 300 } });
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  test('/healthz answers while the process lives', async () => {
    const answer = await api.call('GET', '/healthz');
    expect([answer.status, answer.json]).toEqual([200, { status: 'ok' }]);
  });

  test('/readyz: ready once the projections reach the store head', async () => {
    const answer = await api.call('GET', '/readyz');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: 'ready', store: 'ok', projections: 'caught-up' });
  });

  test('every answer carries its own request id', async () => {
    const [a, b] = await Promise.all([api.call('GET', '/healthz'), api.call('GET', '/healthz')]);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  test('/metrics: requests by route template and status, latency, read lag', async () => {
    await api.call('GET', '/v1/partners/P1', { as: 'admin' });
    await api.call('GET', '/v1/partners/NOPE', { as: 'admin' });
    const text = (await api.call('GET', '/metrics', { as: 'finance' })).text;
    expect(text).toContain(
      'rebate_api_requests_total{method="GET",route="/v1/partners/:partnerId",status="200"} 1',
    );
    expect(text).toContain(
      'rebate_api_requests_total{method="GET",route="/v1/partners/:partnerId",status="404"} 1',
    );
    expect(text).toMatch(/rebate_api_request_duration_seconds_bucket\{le="0.005",method="GET"/);
    expect(text).toMatch(/rebate_api_read_lag_positions \d+/);
    expect(text).toMatch(/rebate_api_store_head_position [1-9]\d*/);
  });

  test('/readyz: 503 while the projections are behind', async () => {
    await api.readModels.stop();
    await api.call('POST', '/v1/partners', {
      as: 'admin',
      body: { partnerId: 'LATE', model: 'agent' },
    });
    const answer = await api.call('GET', '/readyz');
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ status: 'unavailable', store: 'ok' });
    expect((answer.json as { projections: string }).projections).toMatch(/^behind/);
    const lag = (await api.call('GET', '/metrics', { as: 'finance' })).text.match(
      /rebate_api_read_lag_positions (\d+)/,
    );
    expect(Number(lag?.[1])).toBeGreaterThan(0);
    api.readModels.start();
    const deadline = Date.now() + 10_000;
    while ((await api.call('GET', '/readyz')).status !== 200 && Date.now() < deadline);
    expect((await api.call('GET', '/readyz')).status).toBe(200);
  });
});
