import type { FastifyInstance } from 'fastify';
import { IdempotencyConflictError } from '@rebate/event-store';
import { InvalidCursorError } from '@rebate/read-models';
import { type Problem, ProblemError } from './problem';
import { problem } from './problem-catalog';
import { problemReply } from './problem-reply';
import { send } from './send';
import { isConcurrencyConflict, isInvalidForDatabase, isStoreUnavailable } from './store-errors';

const statusCodeOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** Every failure as application/problem+json; only our own faults are 500s. */
export const problemOf = (error: unknown, requestId: string): Problem => {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof IdempotencyConflictError) {
    // The key's events were recorded with other content (a retry after a restart, with a new
    // reception time): nothing is written twice, and the client learns the key is spent.
    return problem(
      'idempotency-key-reused',
      'this Idempotency-Key was already used for a command with a different outcome',
      { field: 'Idempotency-Key' },
    );
  }
  if (error instanceof InvalidCursorError) {
    return problem('invalid-input', `query: cursor ${error.message}`, { field: 'cursor' });
  }
  if (isConcurrencyConflict(error)) {
    return problem(
      'concurrent-update',
      'other requests changed the same data meanwhile and the retries ran out; send it again',
    );
  }
  if (isStoreUnavailable(error)) {
    return problem(
      'store-unavailable',
      `the database did not answer (${(error as Error).message}); nothing is lost, retry`,
    );
  }
  if (isInvalidForDatabase(error)) {
    return problem('invalid-input', `a value cannot be stored: ${(error as Error).message}`);
  }
  const status = statusCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 413) return problem('payload-too-large', message);
  if (status === 414) return problem('uri-too-long', message, { field: 'path' });
  if (status === 415) return problem('unsupported-media-type', message, { field: 'content-type' });
  if (status !== undefined && status >= 400 && status < 500) {
    return problem('invalid-input', message, { field: 'body' });
  }
  return problem('internal-error', `the request failed; its id is ${requestId}`, {
    instance: requestId,
  });
};

export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const answer = problemOf(error, request.id);
    if (answer.status >= 500 && answer.code === 'internal-error') {
      request.log.error({ err: error }, 'request failed');
    } else if (answer.status >= 500) {
      request.log.warn({ err: error, problem: answer.code }, 'request failed; retryable');
    } else {
      request.log.info({ problem: answer.code, detail: answer.detail }, 'request refused');
    }
    if (answer.status === 401) reply.header('www-authenticate', 'Bearer realm="rebate-ledger"');
    if (answer.status === 503 || answer.status === 504) reply.header('retry-after', '1');
    return send(reply, problemReply(answer));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, problemReply(problem('not-found', `no endpoint ${request.method} ${request.url}`))),
  );
};
