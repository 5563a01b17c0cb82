import type { SourceBatch } from './message';

/**
 * What became of one message. The source moves past a message only once its disposition is
 * durable: `done` means the handler's effect (or the knowledge that it was a no-op) is stored;
 * `dead-letter` means the source must first publish it to the dead-letter sink.
 */
export type Disposition =
  | { readonly kind: 'done' }
  | { readonly kind: 'dead-letter'; readonly code: string; readonly reason: string };

export const done: Disposition = { kind: 'done' };

export const deadLetter = (code: string, reason: string): Disposition => ({
  kind: 'dead-letter',
  code,
  reason,
});

/**
 * Handles one batch and returns one disposition per message, in the batch's order. It must
 * return only after its effects are durably stored; throwing means "nothing is settled, deliver
 * this batch again" (effects must therefore be idempotent).
 */
export type BatchHandler = (batch: SourceBatch) => Promise<readonly Disposition[]>;
