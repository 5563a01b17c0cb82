import { KafkaJSError } from 'kafkajs';

/**
 * The handler kept failing on one batch after every retry. kafkajs must not restart the
 * consumer for it (`retriable = false` makes its CRASH say restart: false): the process exits
 * non-zero and its supervisor decides, instead of a silent restart loop.
 */
export class HandlerGaveUpError extends Error {
  override readonly name = 'HandlerGaveUpError';
  readonly retriable = false;
  constructor(
    readonly attempts: number,
    // Not `cause`: kafkajs unwraps `cause` when it wraps an error, and would lose this one.
    readonly lastError: unknown,
  ) {
    super(
      `the batch handler failed ${attempts} times in a row; last error: ${
        lastError instanceof Error ? lastError.message : String(lastError)
      }`,
    );
  }
}

/** Broker-side trouble (also from the dead-letter producer): kafkajs's own recovery handles it. */
export const isKafkaError = (error: unknown): boolean => error instanceof KafkaJSError;
