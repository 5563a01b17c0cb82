import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { Registry } from 'prom-client';
import {
  type ApiLimits,
  type CommandPort,
  type IdempotencyStore,
  type AuditJobs,
  buildApi,
  createAuditJobs,
  createJwtAuthenticator,
  createLedgerAudit,
  mintToken,
  payoutBookSource,
  projectedBalances,
} from '@rebate/api';
import { LedgerCommands, PayableNow, PayoutCache } from '@rebate/ledger';
import { type ReadModels, createReadModels } from '@rebate/read-models';
import type { Backend, OpenedBackend } from './backends';
import { type ManualClock, manualClock } from './manual-clock';

export const TEST_SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
export const TEST_ISSUER = 'rebate-test';
export const TEST_AUDIENCE = 'rebate-api';

export type Who = 'admin' | 'finance' | { readonly partner: string };

export interface CallOptions {
  /** A role to mint a token for, or a raw Authorization header value; none: no header. */
  readonly as?: Who | { readonly authorization: string };
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, with `contentType` (default application/json). */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface TestApi {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly backend: OpenedBackend;
  readonly readModels: ReadModels;
  readonly clock: ManualClock;
  readonly metrics: Registry;
  /** The audit jobs: `settled()` resolves once every job started so far has finished. */
  readonly audits: AuditJobs;
  token(who: Who): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

export const tokenFor = (who: Who, expiresIn = '1h'): Promise<string> =>
  mintToken({
    secret: TEST_SECRET,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    expiresIn,
    ...(typeof who === 'string' ? { role: who } : { role: 'partner', partnerId: who.partner }),
  });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The API over a real backend, listening on an ephemeral port, called over real HTTP. */
export interface TestApiOptions {
  readonly limits?: Partial<ApiLimits>;
  /** Wraps the ledger's command side (to inject a crash after an append). */
  readonly commands?: (ledger: CommandPort) => CommandPort;
  readonly idempotency?: IdempotencyStore;
  readonly logger?: Logger;
}

export const startTestApi = async (
  backend: Backend,
  options: TestApiOptions = {},
): Promise<TestApi> => {
  const opened = await backend.open();
  const readModels = createReadModels(opened.store, opened.storage, { pollIntervalMs: 10 });
  readModels.start();
  const clock = manualClock();
  const metrics = new Registry();
  const balances = projectedBalances(opened.store);
  const ledger = new LedgerCommands(opened.store, balances);
  const audits = createAuditJobs(createLedgerAudit(opened.store, readModels.queries, 10_000), {
    now: () => new Date().toISOString(),
  });
  const app = await buildApi({
    commands: options.commands ? options.commands(ledger) : ledger,
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    queries: readModels.queries,
    payouts: payoutBookSource(new PayoutCache(opened.store)),
    payableNow: new PayableNow(opened.store, balances),
    auth: createJwtAuthenticator({
      key: { kind: 'secret', secret: TEST_SECRET },
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    }),
    clock: clock.clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    metrics,
    store: opened.store,
    audits,
    limits: { readWaitMs: 10_000, ...options.limits },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const authorization = async (as: CallOptions['as']): Promise<Record<string, string>> => {
    if (as === undefined) return {};
    if (typeof as === 'object' && 'authorization' in as) return { authorization: as.authorization };
    return { authorization: `Bearer ${await tokenFor(as)}` };
  };

  return {
    url,
    app,
    backend: opened,
    readModels,
    clock,
    metrics,
    audits,
    token: (who) => tokenFor(who),
    async call(method, path, callOptions = {}) {
      const raw = callOptions.raw;
      const body =
        raw === undefined
          ? callOptions.body === undefined
            ? undefined
            : JSON.stringify(callOptions.body)
          : typeof raw === 'string'
            ? raw
            : new Uint8Array(raw);
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(await authorization(callOptions.as)),
          ...(body === undefined
            ? {}
            : { 'content-type': callOptions.contentType ?? 'application/json' }),
          ...callOptions.headers,
        },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: parseJson(text) };
    },
    async close() {
      await app.close();
      await readModels.stop();
      await opened.close();
    },
  };
};
