import { ConfigError, exitGracefullyOnSignals, exitOnUncaughtErrors } from '@rebate/runtime';
import { mintToken, startService } from '@rebate/api';

export interface ServeOptions {
  readonly port?: string;
  readonly dataDir?: string;
}

/**
 * `rebate serve`: the whole service in one process on the embedded default (SQLite event store
 * and read models in DATA_DIR, default ./data), or whatever EVENT_STORE / DATABASE_URL say.
 * Data survives restarts; so does the generated token secret (DATA_DIR/jwt-secret).
 */
export const serve = async (options: ServeOptions): Promise<void> => {
  const env = {
    ...process.env,
    ...(options.port === undefined ? {} : { PORT: options.port }),
    ...(options.dataDir === undefined ? {} : { DATA_DIR: options.dataDir }),
  };
  // Files the service creates (databases, their WAL) are the owner's only.
  process.umask(0o077);
  let service;
  try {
    service = await startService(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`rebate serve: ${error.message}\n`);
    process.exit(2);
  }
  const { logger, secret, secretGenerated, settings, url, store, metricsUrl } = service;
  exitOnUncaughtErrors(logger);
  exitGracefullyOnSignals({ logger, timeoutMs: 15_000, stop: () => service.stop() });

  // For a person at the terminal, on stderr: stdout carries the JSON log lines.
  const lines = [
    `rebate ledger API  ${url}`,
    `docs               ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `store              ${store}`,
    ...(metricsUrl === undefined ? [] : [`metrics            ${metricsUrl}/metrics`]),
  ];
  // Only for a secret generated here for a local data folder: with a configured JWT_SECRET
  // (production) no live credential is ever written to a terminal or a log collector.
  if (secret !== undefined && secretGenerated) {
    const token = await mintToken({
      secret,
      role: 'admin',
      subject: 'local-admin',
      issuer: settings.JWT_ISSUER,
      audience: settings.JWT_AUDIENCE,
      expiresIn: '1h',
    });
    lines.push(
      `admin token (1h)   ${token}`,
      `more tokens        rebate token --role partner --partner P1`,
    );
  }
  process.stderr.write(`${lines.join('\n')}\n`);
};
