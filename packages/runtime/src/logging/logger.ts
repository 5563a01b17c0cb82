import { type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** The service's name, on every line. */
  readonly name: string;
  readonly level?: string;
}

/**
 * JSON lines on stdout (pino). Writes are synchronous, so a line logged right before
 * `process.exit` is not lost. Errors logged under `err` get their stack.
 */
export const createLogger = ({ name, level = 'info' }: LoggerOptions): Logger =>
  pino({
    name,
    level,
    base: { service: name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
