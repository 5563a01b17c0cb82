import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { type Command, emptyPayoutBook } from '@rebate/domain';
import { right } from 'fp-ts/Either';
import { WrongExpectedRevisionError } from '@rebate/event-store';
import type { LedgerQueries } from '@rebate/read-models';
import { type CommandPort, buildApi, createJwtAuthenticator } from '@rebate/api';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, tokenFor } from '@rebate/test-support/api';

/**
 * Hardening #5, #9 and #15 at the seam between the API and the command side, with a command
 * port that misbehaves on purpose: a conflict that outlasted the ledger's retries is a 409
 * problem, a dropped connection or a busy SQLite a 503, a PostgreSQL data exception a 400;
 * agreement commands and payout runs never run two at a time in one process.
 */

const queries = {
  position: async () => undefined,
  waitForPosition: async () => true,
} as unknown as LedgerQueries;

const failure = (error: unknown): Error => error as Error;
const faults: Record<string, unknown> = {
  F1: new WrongExpectedRevisionError('agreements', 3, 4),
  F2: Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
    severity: 'FATAL',
  }),
  F3: new Error('Connection terminated unexpectedly'),
  F4: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
  F5: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
    code: '22021',
    severity: 'ERROR',
  }),
};

let running = 0;
let mostAtOnce = 0;
const commands: CommandPort = {
  async execute(command: Command) {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const fault = 'partnerId' in command ? faults[command.partnerId ?? ''] : undefined;
      if (fault !== undefined) throw failure(fault);
      return { kind: 'applied', events: [], position: 7n };
    } finally {
      running -= 1;
    }
  },
  executeTrades: async () => [],
  previewPayoutRun: async () => right([]),
};

describe('store faults as problems', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await buildApi({
      payouts: { book: async () => emptyPayoutBook },
      commands,
      queries,
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

  const register = async (partnerId: string) => {
    const answer = await fetch(`${url}/v1/partners`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ partnerId, model: 'agent' }),
    });
    return { status: answer.status, json: (await answer.json()) as { code?: string } };
  };

  test.each([
    ['F1', 409, 'concurrent-update'],
    ['F2', 503, 'store-unavailable'],
    ['F3', 503, 'store-unavailable'],
    ['F4', 503, 'store-unavailable'],
    ['F5', 400, 'invalid-input'],
  ])('%s answers %d %s', async (partnerId, status, code) => {
    expect(await register(partnerId)).toMatchObject({ status, json: { code } });
  });

  test('agreement commands of one process run one at a time, in arrival order', async () => {
    mostAtOnce = 0;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => register(`S${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(mostAtOnce).toBe(1);
  });
});
