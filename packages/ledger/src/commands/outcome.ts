import type { LedgerEvent, Rejection } from '@rebate/domain';

/** What became of one command. */
export type CommandOutcome =
  | {
      readonly kind: 'applied';
      readonly events: readonly LedgerEvent[];
      /** Global position of the last event written, for read-your-writes; undefined if none. */
      readonly position: bigint | undefined;
    }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

/** Identifies a command for idempotency and tracing. */
export interface CommandContext {
  /** Unique per command: an HTTP idempotency key, a Kafka topic/partition/offset, a file line. */
  readonly commandId: string;
  readonly correlationId?: string;
}
