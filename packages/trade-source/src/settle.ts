import type { BatchHandler } from './disposition';
import type { DeadLetter, DeadLetterSink } from './dead-letter';
import type { SourceBatch } from './message';

/**
 * Runs the handler on a batch and makes every disposition durable: dead letters are published
 * before the caller may move past the batch. Returns the letters published. Adapters call this
 * so every transport settles a batch the same way.
 */
export const settleBatch = async (
  batch: SourceBatch,
  handler: BatchHandler,
  sink: DeadLetterSink,
): Promise<readonly DeadLetter[]> => {
  const dispositions = await handler(batch);
  if (dispositions.length !== batch.messages.length) {
    throw new Error(
      `the handler returned ${dispositions.length} dispositions for ${batch.messages.length} messages`,
    );
  }
  const letters: DeadLetter[] = [];
  dispositions.forEach((disposition, i) => {
    if (disposition.kind === 'dead-letter') {
      const message = batch.messages[i];
      if (message) letters.push({ message, code: disposition.code, reason: disposition.reason });
    }
  });
  if (letters.length > 0) await sink.publish(letters);
  return letters;
};
