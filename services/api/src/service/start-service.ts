import { join, resolve } from 'node:path';
import type { EventStore } from '@rebate/event-store';
import { LedgerCommands, PayableNow, PayoutCache } from '@rebate/ledger';
import {
  PROJECTION_NAMES,
  type ReadModels,
  SQLITE_READ_MODELS_FILE,
  createReadModels,
  openReadModelStorage,
  readModelsConfigFor,
  registerProjectionMetrics,
} from '@rebate/read-models';
import {
  type Env,
  type Logger,
  createLogger,
  createMetricsRegistry,
  describeStore,
  openEventStore,
  readEnv,
  startHealthServer,
  storeConfigFromEnv,
  storeEnv,
} from '@rebate/runtime';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../app/build-api';
import { systemClock } from '../app/clock';
import { createLedgerAudit } from '../audit/ledger-audit';
import { createJwtAuthenticator } from '../auth/authenticator';
import type { JwtConfig } from '../auth/jwt-config';
import { projectedBalances } from '../commands/projected-balances';
import { serialCommands } from '../commands/serial-commands';
import { payoutSchedule, startScheduledRuns } from '../payouts/payout-schedule';
import { payoutBookSource } from '../queries/payout-book-source';
import { type ApiSettings, readApiSettings } from '../config/api-config';
import { localSecret } from '../config/local-secret';
import { makeDataDirPrivate } from '../config/private-files';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { openPostgresIdempotencyStore } from '../idempotency/postgres-idempotency-store';
import { openSqliteIdempotencyStore } from '../idempotency/sqlite-idempotency-store';

export interface RunningService {
  /** Where the API listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** The separate metrics listener, when METRICS_PORT is set. */
  readonly metricsUrl: string | undefined;
  readonly store: string;
  /** The HS256 secret when tokens may be minted locally (JWT_SECRET or the generated one). */
  readonly secret: string | undefined;
  /** True when the secret is one this service generated for its local data folder. */
  readonly secretGenerated: boolean;
  readonly settings: ApiSettings;
  readonly logger: Logger;
  /** Stops accepting requests, then the projections, then closes the stores. */
  stop(): Promise<void>;
}

export const SQLITE_IDEMPOTENCY_FILE = 'api.sqlite';

const jwtConfigOf = (settings: ApiSettings, dataDir: string): JwtConfig => {
  const claims = {
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    maxLifetimeSeconds: settings.JWT_MAX_LIFETIME_S,
    clockSkewSeconds: settings.JWT_CLOCK_SKEW_S,
  };
  if (settings.JWT_JWKS_URL !== undefined) {
    return { key: { kind: 'jwks', url: settings.JWT_JWKS_URL }, ...claims };
  }
  return {
    key: { kind: 'secret', secret: settings.JWT_SECRET ?? localSecret(dataDir) },
    ...claims,
  };
};

/** Closes what was opened, newest first, even when one close fails. */
const closeAll = async (closers: (() => Promise<void>)[]): Promise<void> => {
  const errors: unknown[] = [];
  for (const close of closers.reverse()) {
    await close().catch((error: unknown) => errors.push(error));
  }
  if (errors.length > 0) throw errors[0];
};

/**
 * Idempotency keys live beside the read models: in their PostgreSQL database (schema
 * `<read models schema>_api`), else in `api.sqlite` in the data folder.
 */
const openIdempotency = (
  readModelsKind: 'sqlite' | 'postgres',
  databaseUrl: string | undefined,
  settings: ApiSettings,
  dataDir: string,
): Promise<IdempotencyStore> | IdempotencyStore =>
  readModelsKind === 'postgres' && databaseUrl !== undefined
    ? openPostgresIdempotencyStore({
        connectionString: databaseUrl,
        schema: `${settings.READ_MODELS_SCHEMA ?? 'read_models'}_api`,
      })
    : openSqliteIdempotencyStore(join(dataDir, SQLITE_IDEMPOTENCY_FILE));

/**
 * The whole service in one process: the configured event store (SQLite in DATA_DIR by default),
 * the read models beside it with their projections, the ledger's command side, and the API.
 */
export const startService = async (env: Env, logger?: Logger): Promise<RunningService> => {
  const storeConfig = storeConfigFromEnv(env);
  const settings = readApiSettings(env);
  const { DATA_DIR, DATABASE_URL } = readEnv(storeEnv, env);
  const dataDir = resolve(DATA_DIR);
  const log = logger ?? createLogger({ name: 'rebate-api', level: settings.LOG_LEVEL });
  const readModelsConfig = readModelsConfigFor({
    eventStore: storeConfig.kind,
    dataDir,
    databaseUrl: DATABASE_URL,
    schema: settings.READ_MODELS_SCHEMA,
  });
  makeDataDirPrivate(dataDir, [
    ...(storeConfig.kind === 'sqlite' ? ['events.sqlite'] : []),
    ...(readModelsConfig.kind === 'sqlite'
      ? [SQLITE_READ_MODELS_FILE, SQLITE_IDEMPOTENCY_FILE]
      : []),
  ]);
  const closers: (() => Promise<void>)[] = [];
  try {
    const store: EventStore = await openEventStore(storeConfig);
    closers.push(() => store.close());
    const storage = await openReadModelStorage(readModelsConfig);
    const readModels: ReadModels = createReadModels(store, storage, {
      onError: (error, projection) =>
        log.error({ err: error, projection }, 'projection failed; retrying'),
    });
    closers.push(() => readModels.close());
    readModels.start();
    const idempotency = await openIdempotency(
      readModelsConfig.kind,
      DATABASE_URL,
      settings,
      dataDir,
    );
    closers.push(() => idempotency.close());

    const metrics = createMetricsRegistry({ service: 'rebate-api' });
    registerProjectionMetrics(metrics, { store, storage, projections: PROJECTION_NAMES });
    const jwt = jwtConfigOf(settings, dataDir);
    // One queue for the API's commands and the scheduled runs (see serialCommands).
    // One fold of the store's payables for the runs and the client views' payable now.
    const balances = projectedBalances(store);
    const commands = serialCommands(new LedgerCommands(store, balances));
    const app: FastifyInstance = await buildApi({
      commands,
      queries: readModels.queries,
      payouts: payoutBookSource(new PayoutCache(store)),
      payableNow: new PayableNow(store, balances),
      auth: createJwtAuthenticator(jwt),
      clock: systemClock,
      logger: log,
      metrics,
      metricsToken: settings.METRICS_TOKEN,
      store,
      idempotency,
      audit: createLedgerAudit(store, readModels.queries, settings.READ_WAIT_MS),
      limits: {
        readWaitMs: settings.READ_WAIT_MS,
        readyBoundMs: settings.READY_BOUND_MS,
        ndjsonBodyBytes: settings.BULK_LIMIT_MB * 1024 * 1024,
        bulkMaxLines: settings.BULK_MAX_LINES,
      },
    });
    closers.push(() => app.close());
    const address = await app.listen({ port: settings.PORT, host: settings.HOST });
    let metricsUrl: string | undefined;
    if (settings.METRICS_PORT !== undefined) {
      const server = await startHealthServer({
        port: settings.METRICS_PORT,
        host: settings.METRICS_HOST,
        registry: metrics,
        health: () => ({ ok: true }),
        readiness: () => ({ ok: true }),
      });
      closers.push(() => server.close());
      metricsUrl = `http://${settings.METRICS_HOST}:${server.port}`;
    }
    if (settings.PAYOUT_SCHEDULE !== undefined) {
      const runner = startScheduledRuns({
        schedule: payoutSchedule(settings.PAYOUT_SCHEDULE),
        now: () => new Date(),
        execute: (command, commandId) => commands.execute(command, { commandId }),
        log,
      });
      closers.push(() => runner.stop());
      log.info({ schedule: settings.PAYOUT_SCHEDULE }, 'scheduled payout runs on (UTC)');
    }
    log.info(
      { url: address, metricsUrl, store: describeStore(storeConfig) },
      'rebate API listening',
    );
    return {
      url: address,
      metricsUrl,
      store: describeStore(storeConfig),
      secret: jwt.key.kind === 'secret' ? jwt.key.secret : undefined,
      secretGenerated: jwt.key.kind === 'secret' && settings.JWT_SECRET === undefined,
      settings,
      logger: log,
      stop: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers).catch(() => undefined);
    throw error;
  }
};
