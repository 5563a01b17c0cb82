import { Problem } from '@rebate/api';
import { backends, type TestApi, startTestApi } from '@rebate/test-support/api';

/**
 * Rules section 14 over HTTP, on both databases: invalid UTF-8, lone surrogates and NULs in ids
 * are a 400 (or a rejected line in a bulk import) naming the field, never a 500 and never an
 * import aborted half-way; a repeated key is refused; the bulk import cuts lines like simulate.
 */

describe.each(backends)('the input grammar over HTTP on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.close());

  const admin = { as: 'admin' as const };
  const at = '2026-09-01T00:00:00Z';
  const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
  const bulk = (body: string | Uint8Array, key: string) =>
    api.call('POST', '/v1/commands', {
      ...admin,
      raw: body,
      contentType: 'application/x-ndjson',
      headers: { 'idempotency-key': key },
    });

  test('a bulk import with bad ids, bad bytes, a BOM, CRLF and repeated keys reports each line', async () => {
    const body = Buffer.concat([
      Buffer.from(
        `\ufeff${line({ type: 'register-partner', partnerId: 'G1', model: 'agent', at })}\r\n`,
      ),
      Buffer.from(
        '{"type":"attach-client","partnerId":"G1","clientId":"\\ud800","at":"2026-09-01T00:00:00Z"}\n',
      ),
      Buffer.from(
        '{"type":"attach-client","partnerId":"G1","clientId":"G\\u0000C","at":"2026-09-01T00:00:00Z"}\n',
      ),
      Buffer.from('{"type":"attach-client","partnerId":"G1","clientId":"GC'),
      Buffer.from([0xff]),
      Buffer.from('","at":"2026-09-01T00:00:00Z"}\n \t\r\n\u00a0\n'),
      Buffer.from(
        '{"type":"attach-client","partnerId":"G1","partnerId":"G1","clientId":"GC1","at":"2026-09-01T00:00:00Z"}\n',
      ),
      Buffer.from(
        `\ufeff${line({ type: 'attach-client', partnerId: 'G1', clientId: 'GC2', at })}\n`,
      ),
      Buffer.from(`${line({ type: 'attach-client', partnerId: 'G1', clientId: 'GC3', at })}\r\n`),
    ]);
    const answer = await bulk(body, 'grammar-bulk-1');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      accepted: 2,
      rejected: 6,
      // The answer lists the rejected lines in full; accepted ones are counted.
      results: [
        {
          line: 2,
          status: 'rejected',
          code: 'invalid-input',
          reason: 'clientId must not contain a lone surrogate',
        },
        {
          line: 3,
          status: 'rejected',
          code: 'invalid-input',
          reason: 'clientId must not contain a control character',
        },
        { line: 4, status: 'rejected', code: 'invalid-input', reason: 'not valid UTF-8 text' },
        { line: 6, status: 'rejected', code: 'invalid-input', reason: 'not a JSON object' },
        {
          line: 7,
          status: 'rejected',
          code: 'invalid-input',
          reason: 'partnerId appears more than once',
        },
        { line: 8, status: 'rejected', code: 'invalid-input', reason: 'not a JSON object' },
      ],
    });
  });

  const expectBadBody = (
    answer: { status: number; json: unknown },
    field: string,
    detail: RegExp,
  ) => {
    expect(answer.status).toBe(400);
    expect(Problem.is(answer.json)).toBe(true);
    expect(answer.json).toMatchObject({
      code: 'invalid-input',
      field,
      detail: expect.stringMatching(detail),
    });
  };

  test('a command body with a lone surrogate, a NUL or white space at an end is a 400 naming the field', async () => {
    expectBadBody(
      await api.call('POST', '/v1/partners', {
        ...admin,
        raw: '{"partnerId":"\\ud800","model":"agent"}',
      }),
      'partnerId',
      /lone surrogate/,
    );
    expectBadBody(
      await api.call('POST', '/v1/partners', {
        ...admin,
        raw: '{"partnerId":"H\\u00001","model":"agent"}',
      }),
      'partnerId',
      /control character/,
    );
    expectBadBody(
      await api.call('POST', '/v1/partners', {
        ...admin,
        body: { partnerId: 'H1 ', model: 'agent' },
      }),
      'partnerId',
      /white space/,
    );
    const trade = {
      type: 'trade-closed',
      tradeId: 'HT1',
      clientId: 'HC1',
      accountType: 'FIXED',
      symbol: 'EUR\u0000USD',
      lots: '1',
      closedAt: at,
    };
    expectBadBody(
      await api.call('POST', '/v1/trades', { ...admin, body: trade }),
      'symbol',
      /control character/,
    );
  });

  test('a JSON body that is not UTF-8, or repeats a key, is a 400', async () => {
    expectBadBody(
      await api.call('POST', '/v1/partners', {
        ...admin,
        raw: Buffer.concat([
          Buffer.from('{"partnerId":"H'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('","model":"agent"}'),
        ]),
      }),
      'body',
      /UTF-8/,
    );
    expectBadBody(
      await api.call('POST', '/v1/partners', {
        ...admin,
        raw: '{"partnerId":"H2","model":"agent","model":"agent"}',
      }),
      'model',
      /model appears more than once/,
    );
    const registered = await api.call('POST', '/v1/partners', {
      ...admin,
      body: { partnerId: 'H3', model: 'agent' },
    });
    expect(registered.status).toBe(201);
  });
});
