import type { SourceMessage } from './message';

/** A message the handler refused, with why. */
export interface DeadLetter {
  readonly message: SourceMessage;
  /** Machine-readable, e.g. a rejection code (`invalid-input`, `unknown-trade`). */
  readonly code: string;
  /** For a person: names the field or the rule at fault. */
  readonly reason: string;
}

/**
 * Where refused messages go, with their original key and value bytes untouched. `publish`
 * resolves once every letter is durably stored (Kafka: acknowledged by all in-sync replicas).
 * At least once: a crash after publishing and before the source commits publishes them again,
 * so readers deduplicate by the source coordinates.
 */
export interface DeadLetterSink {
  publish(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}

/** Header names every dead-letter sink writes (besides the message's own headers). */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  code: 'dead-letter-code',
  sourceTopic: 'dead-letter-source-topic',
  sourcePartition: 'dead-letter-source-partition',
  sourceOffset: 'dead-letter-source-offset',
} as const;
