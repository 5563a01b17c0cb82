#!/usr/bin/env node
import {
  configOrExit,
  createLogger,
  exitGracefullyOnSignals,
  exitOnUncaughtErrors,
} from '@rebate/runtime';
import { ingestionConfigFromEnv } from './config';
import { type IngestionService, startIngestion } from './ingestion-service';

/**
 * `node services/ingestion/dist/main.js`: consume trade messages into the ledger until SIGTERM
 * (exit 0 once the batch in flight is committed) or an unrecoverable failure (exit 1).
 * A bad setting exits 2 with a message naming the variable.
 */
const main = async (): Promise<void> => {
  const config = configOrExit(() => ingestionConfigFromEnv(process.env), 'rebate-ingestion');
  const logger = createLogger({ name: 'rebate-ingestion', level: config.logLevel });
  exitOnUncaughtErrors(logger);

  let service: IngestionService | undefined;
  const starting = startIngestion(config, logger).then((started) => (service = started));
  exitGracefullyOnSignals({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    // A signal during start-up waits for the start, then stops what was started.
    stop: async () => (service ?? (await starting.catch(() => undefined)))?.stop(),
  });

  try {
    await starting;
  } catch (error) {
    logger.fatal({ err: error }, 'ingestion could not start');
    process.exit(1);
  }
  const failure = await (service as IngestionService).finished;
  if (failure) {
    logger.fatal({ err: failure.error }, 'ingestion failed and will not recover by itself');
    await (service as IngestionService).stop().catch(() => undefined);
    process.exit(1);
  }
};

void main();
