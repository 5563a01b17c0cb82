import type { Logger } from 'pino';

export interface ShutdownOptions {
  readonly logger: Logger;
  /** Longest a graceful stop may take before the process exits non-zero anyway. */
  readonly timeoutMs: number;
  /** Stops the service; the process exits 0 once it resolves. */
  readonly stop: () => Promise<void>;
  readonly exit?: (code: number) => void;
}

/**
 * SIGTERM / SIGINT: stop gracefully and exit 0, or exit 1 when the stop fails or outlasts
 * `timeoutMs`. A second signal exits 1 at once.
 */
export const exitGracefullyOnSignals = (options: ShutdownOptions): void => {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal: exiting at once');
      exit(1);
      return;
    }
    stopping = true;
    options.logger.info({ signal, timeoutMs: options.timeoutMs }, 'stopping gracefully');
    const timer = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'graceful stop timed out');
      exit(1);
    }, options.timeoutMs);
    options.stop().then(
      () => {
        clearTimeout(timer);
        options.logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        options.logger.error({ err: error }, 'graceful stop failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
};

/** Anything thrown that nobody caught ends the process non-zero, logged. */
export const exitOnUncaughtErrors = (
  logger: Logger,
  exit = (code: number) => process.exit(code),
): void => {
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    exit(1);
  });
};
