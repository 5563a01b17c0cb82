import {
  type Logger,
  configOrExit,
  createLogger,
  exitGracefullyOnSignals,
  exitOnUncaughtErrors,
} from '@rebate/runtime';
import { type PayoutsConfig, payoutsConfigFromEnv } from './payouts-config';
import type { RunningService } from './payouts-service';

/**
 * The process around one payouts service: config (exit 2 naming a bad variable), logging,
 * SIGTERM = graceful stop (exit 0), a failure it cannot recover from = exit 1.
 */
export const runMain = async (
  name: string,
  start: (config: PayoutsConfig, logger: Logger) => Promise<RunningService>,
): Promise<void> => {
  const config = configOrExit(() => payoutsConfigFromEnv(process.env), name);
  const logger = createLogger({ name, level: config.logLevel });
  exitOnUncaughtErrors(logger);
  let service: RunningService | undefined;
  const starting = start(config, logger).then((started) => (service = started));
  exitGracefullyOnSignals({
    logger,
    timeoutMs: 20_000,
    stop: async () => (service ?? (await starting.catch(() => undefined)))?.stop(),
  });
  try {
    await starting;
  } catch (error) {
    logger.fatal({ err: error }, `${name} could not start`);
    process.exit(1);
  }
  const failure = await (service as RunningService).finished;
  if (failure) {
    logger.fatal({ err: failure.error }, `${name} failed and will not recover by itself`);
    await (service as RunningService).stop().catch(() => undefined);
    process.exit(1);
  }
};
