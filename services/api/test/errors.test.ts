import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { LedgerQueries } from '@rebate/read-models';
import { IdempotencyConflictError } from '@rebate/event-store';
import { type CommandPort, buildApi, createJwtAuthenticator } from '@rebate/api';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, tokenFor } from '@rebate/test-support/api';

/**
 * Faults of our own are 500 problems that name the request id and leak nothing; a key whose
 * events were stored with other content (a retry after a restart) is 422, not 500.
 */

const failing = (message: string) => async (): Promise<never> => {
  throw new Error(message);
};

const brokenQueries: LedgerQueries = {
  listPartners: failing('database password is hunter2'),
  partnerBalance: failing('boom'),
  listClients: failing('boom'),
  listPartnerClients: failing('boom'),
  trialBalance: failing('boom'),
  partnerReconciliation: failing('boom'),
  clientReconciliation: failing('boom'),
  clientBalance: failing('boom'),
  partnerStatement: failing('boom'),
  clientStatement: failing('boom'),
  partnerClientBalance: failing('boom'),
  partnerClientStatement: failing('boom'),
  subPartners: failing('boom'),
  subPartnerStatement: failing('boom'),
  accruals: failing('boom'),
  agreement: failing('boom'),
  position: async () => undefined,
  waitForPosition: async () => true,
};

const commands: CommandPort = {
  execute: async () => {
    throw new IdempotencyConflictError('agreements', 'id', 'stored with a different payload');
  },
  executeTrades: failing('boom'),
  previewPayoutRun: failing('boom'),
};

describe('error handling', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await buildApi({
      payouts: { book: failing('boom') },
      commands,
      queries: brokenQueries,
      auth: createJwtAuthenticator({
        key: { kind: 'secret', secret: TEST_SECRET },
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
      }),
      clock: () => new Date('2026-09-01T00:00:00Z'),
      logger: pino({ level: 'silent' }),
      metrics: new Registry(),
      store: {
        headPosition: async () => undefined,
        // eslint-disable-next-line require-yield
        readAll: async function* () {
          return;
        },
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  test('a failure of ours: 500 problem with the request id, no internals', async () => {
    const answer = await fetch(`${url}/v1/partners`, {
      headers: { authorization: `Bearer ${await tokenFor('admin')}` },
    });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await answer.text();
    const body = JSON.parse(text) as { code: string; instance: string };
    expect(body.code).toBe('internal-error');
    expect(body.instance).toBe(answer.headers.get('x-request-id'));
    expect(text).not.toContain('hunter2');
  });

  test('a spent idempotency key recorded with other content: 422', async () => {
    const answer = await fetch(`${url}/v1/partners`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('admin')}`,
        'idempotency-key': 'k1',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ partnerId: 'P1', model: 'agent' }),
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ code: 'idempotency-key-reused' });
  });

  test('a body over the limit: 413 problem', async () => {
    const answer = await fetch(`${url}/v1/partners`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ partnerId: 'x'.repeat(5 * 1024 * 1024), model: 'agent' }),
    });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ code: 'payload-too-large' });
  });
});
