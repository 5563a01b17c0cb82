import { WrongExpectedRevisionError } from '@rebate/event-store';

/**
 * Failures of the databases underneath, told apart so the API answers what they mean: a lost or
 * refused connection is a 503 (retry; the pool reconnects), a value PostgreSQL cannot store
 * (a NUL byte, a number out of range) is the caller's 400, and a conflict that outlasted the
 * ledger's retries is a 409. Recognised by the drivers' documented error codes.
 */

const field = (error: unknown, key: string): unknown =>
  typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;

/** PostgreSQL SQLSTATE classes: 08 connection, 57P admin shutdown, 53 resources. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53)/;
/** Node socket errors. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
]);
/** node-postgres reports a dropped socket with these messages and no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed/i;
/** better-sqlite3: another connection holds the write lock longer than busy_timeout. */
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

export const isStoreUnavailable = (error: unknown): boolean => {
  const code = field(error, 'code');
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)) return true;
    if (SQLITE_BUSY.has(code)) return true;
  }
  const message = field(error, 'message');
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
};

/** SQLSTATE class 22 (data exception): the value itself cannot be stored or compared. */
export const isInvalidForDatabase = (error: unknown): boolean => {
  const code = field(error, 'code');
  const severity = field(error, 'severity');
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string';
};

export const isConcurrencyConflict = (error: unknown): boolean =>
  error instanceof WrongExpectedRevisionError;
