import * as t from 'io-ts';
import {
  type Env,
  ConfigError,
  type EnvCodec,
  integer,
  logLevel,
  port,
  readEnv,
  setting,
  text,
} from '@rebate/runtime';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_LIFETIME_SECONDS,
  MIN_SECRET_BYTES,
} from '../auth/jwt-config';
import { payoutSchedule } from '../payouts/payout-schedule';

/** The API's environment variables, read with io-ts like every other setting. */

const httpUrl: EnvCodec<URL> = new t.Type<URL, string, unknown>(
  'an http(s) URL',
  (u): u is URL => u instanceof URL,
  (u, c) => {
    if (typeof u !== 'string' || !URL.canParse(u)) return t.failure(u, c);
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? t.success(url) : t.failure(u, c);
  },
  (url) => url.href,
);

const secret: EnvCodec<string> = new t.Type<string, string, unknown>(
  `a secret of at least ${MIN_SECRET_BYTES} bytes`,
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && Buffer.byteLength(u) >= MIN_SECRET_BYTES
      ? t.success(u)
      : t.failure(u, c),
  (s) => s,
);

export const apiEnv = {
  PORT: setting(port, 8080),
  /** 127.0.0.1 by default: a local run is not exposed; set 0.0.0.0 in a container. */
  HOST: setting(text, '127.0.0.1'),
  /** HS256 secret; unset (and no JWKS URL): `rebate serve` generates one in the data folder. */
  JWT_SECRET: setting(secret),
  /** Verify tokens against this JWKS endpoint instead (RS256, ES256, ...). */
  JWT_JWKS_URL: setting(httpUrl),
  JWT_ISSUER: setting(text),
  JWT_AUDIENCE: setting(text),
  /** Longest lifetime a token may claim, in seconds (exp - iat); longer ones are refused. */
  JWT_MAX_LIFETIME_S: setting(integer(60, 366 * 24 * 60 * 60), DEFAULT_MAX_LIFETIME_SECONDS),
  /** Clock skew allowed between the token issuer and this service, in seconds. */
  JWT_CLOCK_SKEW_S: setting(integer(0, 300), DEFAULT_CLOCK_SKEW_SECONDS),
  /**
   * A static bearer token for `/metrics` (a Prometheus scraper's credentials file); without
   * it `/metrics` wants a finance or admin token. Or serve metrics on METRICS_PORT only.
   */
  METRICS_TOKEN: setting(secret),
  /** A separate metrics listener (`/metrics`, `/healthz`, `/readyz`), off when unset. */
  METRICS_PORT: setting(port),
  /** Where the metrics listener binds: loopback by default. */
  METRICS_HOST: setting(text, '127.0.0.1'),
  /** Most lines one bulk import request may hold (413 beyond); `rebate ingest` sends fewer. */
  BULK_MAX_LINES: setting(integer(1, 1_000_000), 50_000),
  LOG_LEVEL: setting(logLevel, 'info'),
  /** Longest wait of a query's minPosition (then 504), and of a payout run for fresh balances. */
  READ_WAIT_MS: setting(integer(0, 60_000), 5_000),
  /** /readyz: the projections must reach the store's head within this. */
  READY_BOUND_MS: setting(integer(1, 60_000), 2_000),
  /** Largest NDJSON bulk import, in MiB. */
  BULK_LIMIT_MB: setting(integer(1, 1024), 64),
  /** PostgreSQL schema of the read models (default read_models). */
  READ_MODELS_SCHEMA: setting(text),
  /** Payout runs on this cron expression, in UTC (e.g. `0 6 * * 1`); off when unset. */
  PAYOUT_SCHEDULE: setting(text),
};

export type ApiSettings = ReturnType<typeof readApiSettings>;

export const readApiSettings = (env: Env) => {
  const values = readEnv(apiEnv, env);
  if (values.JWT_SECRET !== undefined && values.JWT_JWKS_URL !== undefined) {
    throw new ConfigError(['set JWT_SECRET or JWT_JWKS_URL, not both']);
  }
  if (values.PAYOUT_SCHEDULE !== undefined) {
    try {
      payoutSchedule(values.PAYOUT_SCHEDULE);
    } catch (error) {
      throw new ConfigError([
        `PAYOUT_SCHEDULE is not a cron expression: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
  }
  return values;
};
