import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { EventStore } from '@rebate/event-store';
import type { LedgerQueries } from '@rebate/read-models';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { LedgerAudit } from '../audit/ledger-audit';
import { type AuditJobs, createAuditJobs } from '../audit/audit-jobs';
import type { Authenticator } from '../auth/authenticator';
import { createAsOfQueries } from '../as-of/as-of-queries';
import { createIdempotency } from '../idempotency/idempotency';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { openSqliteIdempotencyStore } from '../idempotency/sqlite-idempotency-store';
import { checkReadiness } from '../health/readiness';
import { registerBodyParsers } from '../http/body-parsers';
import { registerErrorHandling } from '../http/error-handler';
import { clientErrorHandler, frameworkErrors } from '../http/framework-errors';
import { registerHttpMetrics } from '../metrics/http-metrics';
import { registerReadLagMetrics } from '../metrics/projection-metrics';
import { registerDocs } from '../openapi/docs-plugin';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import type { CommandPort } from '../routes/route-context';
import type { PayoutBookSource } from '../queries/payout-book-source';
import type { PayableNowSource } from '../queries/payable-now-answers';
import { serialCommands } from '../commands/serial-commands';
import { registerRoutes } from '../routes/register-routes';
import { routeTable } from '../routes/route-table';
import { type Clock, receptionTime } from './clock';
import { dashboardDir, pageFallback, registerDashboard } from './dashboard-plugin';

export interface ApiLimits {
  /** Longest wait for a query's `minPosition` before answering 504. */
  readonly readWaitMs: number;
  /** `/readyz`: the projections must reach the store's head within this. */
  readonly readyBoundMs: number;
  readonly jsonBodyBytes: number;
  readonly ndjsonBodyBytes: number;
  /** Most lines in one bulk import (413 beyond). */
  readonly bulkMaxLines: number;
  /** Most trades in one `POST /v1/trades` array (413 beyond). */
  readonly tradeBatchMaxItems: number;
}

export const defaultLimits: ApiLimits = {
  readWaitMs: 5_000,
  readyBoundMs: 2_000,
  jsonBodyBytes: 4 * 1024 * 1024,
  ndjsonBodyBytes: 64 * 1024 * 1024,
  bulkMaxLines: 50_000,
  tradeBatchMaxItems: 10_000,
};

export interface ApiDependencies {
  readonly commands: CommandPort;
  readonly queries: LedgerQueries;
  /** The payouts stream for the payout queries (a `PayoutCache` via `payoutBookSource`). */
  readonly payouts: PayoutBookSource;
  /** The client views' payable now, hold applied (a `PayableNow`); absent, the read model's. */
  readonly payableNow?: PayableNowSource;
  readonly auth: Authenticator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Request and projection metrics are registered here (use one registry per app). */
  readonly metrics: Registry;
  /** A static bearer token a scraper may use for `/metrics` (besides finance/admin tokens). */
  readonly metricsToken?: string | undefined;
  /** Readiness and projection lag read the store's head. */
  readonly store: Pick<EventStore, 'headPosition' | 'readAll'>;
  readonly audit?: LedgerAudit;
  /** The audit jobs, when the caller keeps a handle on them (tests await `settled`). */
  readonly audits?: AuditJobs;
  /** Where Idempotency-Keys are kept; default an in-memory SQLite (gone with the process). */
  readonly idempotency?: IdempotencyStore;
  readonly limits?: Partial<ApiLimits>;
  readonly version?: string;
}

/** The HTTP API over the ledger: not listening yet (`listen`, or `inject` in tests). */
export const buildApi = async (deps: ApiDependencies): Promise<FastifyInstance> => {
  const limits = { ...defaultLimits, ...deps.limits };
  const idempotencyStore = deps.idempotency ?? openSqliteIdempotencyStore(':memory:');
  const ownsIdempotency = deps.idempotency === undefined;
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: () => randomUUID(),
    bodyLimit: limits.jsonBodyBytes,
    return503OnClosing: true,
    // An identifier is up to 128 code points: 4 UTF-8 bytes each, percent-encoded.
    routerOptions: { maxParamLength: 2048 },
    frameworkErrors,
    clientErrorHandler,
  }) as unknown as FastifyInstance;
  // nosniff, no framing, no referrer, and a CSP that allows nothing on API answers; the docs
  // page sets its own (Swagger UI's static CSP).
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerBodyParsers(app, limits.ndjsonBodyBytes);
  const dashboard = dashboardDir();
  registerErrorHandling(app, dashboard === undefined ? {} : { fallback: pageFallback(dashboard) });
  registerHttpMetrics(app, deps.metrics);
  registerReadLagMetrics(deps.metrics, deps.store, deps.queries);
  const asOf = createAsOfQueries(deps.store);
  const audits =
    deps.audits ??
    (deps.audit === undefined
      ? undefined
      : createAuditJobs(deps.audit, { now: () => deps.clock().toISOString() }));
  // A job still replaying reads the store: closing stops it and waits, before the store closes.
  if (audits) app.addHook('onClose', () => audits.close());
  app.addHook('onClose', () => asOf.close());
  registerRoutes(app, routeTable, {
    asOf,
    auth: deps.auth,
    idempotency: createIdempotency(idempotencyStore, deps.store),
    readWaitMs: limits.readWaitMs,
    metricsToken: deps.metricsToken,
    context: {
      commands: serialCommands(deps.commands),
      queries: deps.queries,
      payouts: deps.payouts,
      payableNow: deps.payableNow,
      now: receptionTime(deps.clock),
      audits,
      limits: { bulkMaxLines: limits.bulkMaxLines, tradeBatchMaxItems: limits.tradeBatchMaxItems },
      health: {
        ready: () => checkReadiness(deps.store, deps.queries, limits.readyBoundMs),
        metrics: async () => ({
          contentType: deps.metrics.contentType,
          text: await deps.metrics.metrics(),
        }),
      },
    },
  });
  if (ownsIdempotency) app.addHook('onClose', () => idempotencyStore.close());
  await registerDocs(
    app,
    buildOpenApiDocument(routeTable, {
      title: 'Rebate Ledger API',
      version: deps.version ?? '0.1.0',
    }),
  );
  await registerDashboard(app, dashboard);
  return app;
};
