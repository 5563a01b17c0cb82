import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import {
  backends,
  seedLedger,
  trade,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_SECRET,
  type Answer,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * Hardening issue, the HTTP edge: every bad input is a 400-class problem (never a 500), on
 * both databases; tokens are bounded; partners cannot probe; answers carry security headers.
 */

const expectProblem = (answer: Answer, status: number, code: string): void => {
  expect({
    status: answer.status,
    code: (answer.json as { code?: string } | undefined)?.code,
  }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
};

/** A raw request, for what fetch would refuse or rewrite (huge headers, undecodable URLs). */
const raw = (
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | undefined; body: string }> =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path, method: 'GET', headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });

const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT): Promise<string> =>
  build(
    new SignJWT({ role: 'admin', ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE),
  ).sign(new TextEncoder().encode(TEST_SECRET));

describe.each(backends)('hardening at the HTTP edge on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  test('#12 impossible days, oversized cursors and NUL bytes are 400 problems', async () => {
    expectProblem(
      await api.call('GET', '/v1/partners/P1/statement?from=2026-13-01&to=2026-12-31', {
        as: { partner: 'P1' },
      }),
      400,
      'invalid-input',
    );
    const cursor = Buffer.from(JSON.stringify({ after: '9999999999999999999' })).toString(
      'base64url',
    );
    expectProblem(
      await api.call('GET', `/v1/accruals?cursor=${cursor}`, { as: { partner: 'P1' } }),
      400,
      'invalid-input',
    );
    expectProblem(
      await api.call('GET', '/v1/clients/C%00', { as: { partner: 'P1' } }),
      400,
      'invalid-input',
    );
    expectProblem(
      await api.call('GET', '/v1/accruals?clientId=C1%00', { as: { partner: 'P1' } }),
      400,
      'invalid-input',
    );
    expectProblem(
      await api.call('PUT', '/v1/partners/P1/clients/C%001/rebate-rate', {
        as: 'admin',
        body: { percent: '1' },
      }),
      400,
      'invalid-input',
    );
  });

  test('#16 minPosition beyond 2^63 is 400 at once, not a 504 after the wait', async () => {
    const started = Date.now();
    expectProblem(
      await api.call('GET', `/v1/partners/P1?minPosition=${2n ** 63n}`, { as: 'admin' }),
      400,
      'invalid-input',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await api.call('GET', `/v1/partners/P1?minPosition=1`, { as: 'admin' })).status).toBe(
      200,
    );
  });

  test('#16 a body in another charset than UTF-8 is 415', async () => {
    expectProblem(
      await api.call('POST', '/v1/partners', {
        as: 'admin',
        raw: JSON.stringify({ partnerId: 'L1', model: 'agent' }),
        contentType: 'application/json; charset=latin1',
      }),
      415,
      'unsupported-media-type',
    );
    const utf8 = await api.call('POST', '/v1/partners', {
      as: 'admin',
      raw: JSON.stringify({ partnerId: 'L1', model: 'agent' }),
      contentType: 'application/json; charset=UTF-8',
    });
    expect(utf8.status).toBe(201);
  });

  test('#16 414, a bad URL and 431 are problem JSON', async () => {
    const long = await raw(api.url, `/v1/clients/${'x'.repeat(5000)}`, {
      authorization: `Bearer ${await api.token('admin')}`,
    });
    expect([long.status, JSON.parse(long.body).code]).toEqual([414, 'uri-too-long']);
    expect(long.type).toMatch(/^application\/problem\+json/);
    const badUrl = await raw(api.url, '/v1/clients/%ff');
    expect(badUrl.status).toBe(400);
    expect(badUrl.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(badUrl.body).code).toBe('invalid-input');
    const huge = await raw(api.url, '/healthz', { 'x-big': 'y'.repeat(20_000) });
    expect([huge.status, huge.type, JSON.parse(huge.body).code]).toEqual([
      431,
      'application/problem+json',
      'headers-too-large',
    ]);
    // An identifier of 128 code points, 4 bytes each, fits a path segment.
    const wide = encodeURIComponent('\u{1F600}'.repeat(128));
    expect((await api.call('GET', `/v1/clients/${wide}`, { as: 'admin' })).status).toBe(404);
  });

  test('#16 security headers; /readyz names no position; /metrics wants a token', async () => {
    const answer = await api.call('GET', '/v1/partners/P1', { as: 'admin' });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    const docs = await api.call('GET', '/docs/static/index.html');
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('content-security-policy')).not.toContain('upgrade-insecure');
    const ready = await api.call('GET', '/readyz');
    expect(ready.json).toEqual({ status: 'ready', store: 'ok', projections: 'caught-up' });
    expectProblem(await api.call('GET', '/metrics'), 401, 'unauthenticated');
    expectProblem(await api.call('GET', '/metrics', { as: { partner: 'P1' } }), 403, 'forbidden');
    expect((await api.call('GET', '/metrics', { as: 'finance' })).status).toBe(200);
  });

  test('#13 a partner gets the same answer for a missing client and another partner`s', async () => {
    const as = { partner: 'P1' } as const;
    const missing = await api.call('PUT', '/v1/partners/P1/clients/NOBODY/rebate-rate', {
      as,
      body: { percent: '5' },
    });
    const others = await api.call('PUT', '/v1/partners/P1/clients/C2/rebate-rate', {
      as,
      body: { percent: '5' },
    });
    const strip = (a: Answer) => ({
      status: a.status,
      ...(a.json as object),
      detail: (a.json as { detail: string }).detail.replace(/NOBODY|C2/, 'X'),
    });
    expect(strip(missing)).toEqual(strip(others));
    expect(missing.status).toBe(422);
    for (const verb of ['suspend-rebates', 'resume-rebates', 'cancel-rebates']) {
      const a = await api.call('POST', `/v1/partners/P1/clients/NOBODY/${verb}`, { as });
      const b = await api.call('POST', `/v1/partners/P1/clients/C2/${verb}`, { as });
      expect(strip(a)).toEqual(strip(b));
    }
    // Staff keep the precise answer.
    const admin = await api.call('PUT', '/v1/partners/P1/clients/NOBODY/rebate-rate', {
      as: 'admin',
      body: { percent: '5' },
    });
    expectProblem(admin, 404, 'unknown-client');
  });

  test('#14 tokens need exp, a bounded lifetime, and no iat in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const call = async (jwt: string) =>
      api.call('GET', '/v1/partners', { as: { authorization: `Bearer ${jwt}` } });
    const noExp = await sign({}, (jwt) => jwt.setIssuedAt());
    expect((await call(noExp)).status).toBe(401);
    expect((await call(noExp)).json).toMatchObject({ detail: 'token claim exp is required' });
    const future = await sign({}, (jwt) =>
      jwt.setIssuedAt(now + 365 * 86400).setExpirationTime(now + 365 * 86400 + 600),
    );
    expect((await call(future)).status).toBe(401);
    const century = await sign({}, (jwt) => jwt.setIssuedAt().setExpirationTime('100y'));
    expect((await call(century)).status).toBe(401);
    const noIatCentury = await sign({}, (jwt) => jwt.setExpirationTime('100y'));
    expect((await call(noIatCentury)).status).toBe(401);
    // A few seconds of clock skew are fine, both ways.
    const skewed = await sign({}, (jwt) => jwt.setIssuedAt(now + 10).setExpirationTime(now - 10));
    expect((await call(skewed)).status).toBe(200);
    const wrongAudience = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TEST_ISSUER)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    expect((await call(wrongAudience)).status).toBe(401);
  });

  test('#7 an unauthenticated body is refused before it is read', async () => {
    const target = new URL(api.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: target.hostname,
        port: target.port,
        path: '/v1/commands',
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          'content-length': String(60 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) =>
        error.message.includes('socket hang up') ? undefined : reject(error),
      );
      // A first megabyte of a 60 MB body, then nothing: the answer cannot wait for the rest.
      req.write(Buffer.alloc(1024 * 1024, 0x61));
    });
    expect(status).toBe(401);
  });

  test('#10 a refused import line is logged with its line and reason', async () => {
    const logged: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const logging = await startTestApi(backend, { logger });
    try {
      await logging.call('POST', '/v1/commands', {
        as: 'admin',
        raw: [JSON.stringify(trade('LOG-1', 'C1', '1')), '{"type":"trade-closed"}'].join('\n'),
        contentType: 'application/x-ndjson',
      });
      expect(logged).toContainEqual(
        expect.objectContaining({
          msg: 'import line refused',
          line: 2,
          code: 'invalid-input',
          reason: expect.stringMatching(/tradeId/),
        }),
      );
    } finally {
      await logging.close();
    }
  });

  test('bytes that are not UTF-8: the import line is refused in place, a JSON body is 400', async () => {
    const good = Buffer.from(JSON.stringify(trade('UTF-1', 'C1', '1')));
    // A client id with a lone 0xff byte: decoded with U+FFFD it would be another client.
    const bad = Buffer.concat([
      Buffer.from('{"type":"trade-closed","tradeId":"UTF-2","clientId":"C'),
      Buffer.from([0xff]),
      Buffer.from(
        '","accountType":"FIXED","symbol":"EURUSD","lots":"1","closedAt":"2026-09-02T10:00:00Z"}',
      ),
    ]);
    const post = async (body: Buffer, contentType: string) => {
      const answer = await fetch(
        `${api.url}${contentType.includes('ndjson') ? '/v1/commands' : '/v1/trades'}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await api.token('admin')}`,
            'content-type': contentType,
          },
          body: new Uint8Array(body),
        },
      );
      return { status: answer.status, json: (await answer.json()) as unknown };
    };
    const imported = await post(
      Buffer.concat([good, Buffer.from('\n'), bad]),
      'application/x-ndjson',
    );
    expect(imported).toMatchObject({
      status: 200,
      json: {
        accepted: 1,
        rejected: 1,
        results: [{ line: 2, code: 'invalid-input', reason: 'not valid UTF-8 text' }],
      },
    });
    expect(await post(bad, 'application/json')).toMatchObject({
      status: 400,
      json: { code: 'invalid-input', detail: 'body is not valid UTF-8' },
    });
  });

  test('#6 too many lines in one import is 413; large imports answer a summary', async () => {
    const small = await startTestApi(backend, { limits: { bulkMaxLines: 100 } });
    try {
      const lines = Array.from({ length: 101 }, () => 'x');
      expectProblem(
        await small.call('POST', '/v1/commands', {
          as: 'admin',
          raw: lines.join('\n'),
          contentType: 'application/x-ndjson',
        }),
        413,
        'payload-too-large',
      );
      const ok = await small.call('POST', '/v1/commands', {
        as: 'admin',
        raw: [...lines.slice(1, 99), JSON.stringify(trade('S1', 'C1', '1'))].join('\n'),
        contentType: 'application/x-ndjson',
      });
      expect(ok.json).toMatchObject({ lines: 99, accepted: 1, rejected: 98 });
    } finally {
      await small.close();
    }
  });

  test('#6 ten million one-character lines: 413 at once, nothing built', async () => {
    const started = Date.now();
    const answer = await api.call('POST', '/v1/commands', {
      as: 'admin',
      raw: 'x\n'.repeat(10_000_000),
      contentType: 'application/x-ndjson',
    });
    expectProblem(answer, 413, 'payload-too-large');
    expect((answer.json as { detail: string }).detail).toMatch(/at most 50000 lines/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('#6 the event loop keeps answering during a long import', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify(trade(`LONG-${i}`, 'C1', '0.01', '2026-09-03T00:00:00Z')),
    );
    const importing = api.call('POST', '/v1/commands', {
      as: 'admin',
      raw: lines.join('\n'),
      contentType: 'application/x-ndjson',
    });
    let done = false;
    void importing.then(() => (done = true));
    let answeredMeanwhile = 0;
    while (!done) {
      if ((await api.call('GET', '/healthz')).status === 200 && !done) answeredMeanwhile += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await importing).json).toMatchObject({ lines: 3000, accepted: 3000, results: [] });
    expect(answeredMeanwhile).toBeGreaterThan(0);
  });
});
