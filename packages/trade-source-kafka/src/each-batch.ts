import type { EachBatchPayload } from 'kafkajs';
import {
  type BatchHandler,
  type DeadLetterSink,
  type SourceBatch,
  backoffDelay,
  settleBatch,
} from '@rebate/trade-source';
import { HandlerGaveUpError, isKafkaError } from './errors';
import { waitWithHeartbeats, withHeartbeats } from './keep-alive';
import type { KafkaSourceOptions } from './options';
import { toSourceBatches } from './to-source-batch';

export interface EachBatchDeps {
  readonly handler: BatchHandler;
  readonly deadLetters: DeadLetterSink;
  readonly options: Pick<
    KafkaSourceOptions,
    'maxBatchSize' | 'handlerBackoff' | 'heartbeatIntervalMs' | 'logger'
  >;
  /** Stops fetching every partition of the topic; returns the resume. */
  readonly pauseTopic: () => () => void;
  readonly onHandlerRetry?: (attempt: number, error: unknown) => void;
}

type Payload = Pick<
  EachBatchPayload,
  'batch' | 'resolveOffset' | 'heartbeat' | 'commitOffsetsIfNecessary' | 'isRunning' | 'isStale'
>;

/**
 * The `eachBatch` of a consumer run with `eachBatchAutoResolve: false`. Per chunk: stop when
 * the consumer stops or the partition's position was reset (stale: another member may own it
 * now); settle the chunk (handler append + dead letters); only then resolve its last offset,
 * heartbeat and commit if due. Unresolved messages are fetched again, by us or the new owner.
 */
export const createEachBatch =
  (deps: EachBatchDeps) =>
  async (payload: Payload): Promise<void> => {
    for (const chunk of toSourceBatches(payload.batch, deps.options.maxBatchSize)) {
      if (!payload.isRunning() || payload.isStale()) return;
      if (!(await settleWithRetry(chunk, deps, payload))) return;
      // Stored, but the position was reset meanwhile: moving it would skip what the reset wants.
      if (payload.isStale()) return;
      const last = chunk.messages[chunk.messages.length - 1];
      if (last) payload.resolveOffset(last.offset);
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
    }
  };

/**
 * Settles one chunk, retrying a failing handler with backoff while the whole topic is paused
 * (back-pressure: no partition fetches more for a store that cannot take it). Returns false when
 * the consumer stopped meanwhile (nothing settled; the chunk will be redelivered).
 */
const settleWithRetry = async (
  chunk: SourceBatch,
  deps: EachBatchDeps,
  payload: Payload,
): Promise<boolean> => {
  const { handlerBackoff: policy, heartbeatIntervalMs, logger } = deps.options;
  let resume: (() => void) | undefined;
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await withHeartbeats(
          () => settleBatch(chunk, deps.handler, deps.deadLetters),
          payload.heartbeat,
          heartbeatIntervalMs,
        );
        return true;
      } catch (error) {
        // The broker is in trouble (the dead-letter producer failed): kafkajs re-fetches,
        // reconnects or restarts the consumer; our effects so far are idempotent.
        if (isKafkaError(error)) throw error;
        if (attempt >= policy.maxAttempts) throw new HandlerGaveUpError(attempt, error);
        resume ??= deps.pauseTopic();
        const delayMs = backoffDelay(policy, attempt);
        deps.onHandlerRetry?.(attempt, error);
        logger.warn(
          {
            err: error,
            attempt,
            delayMs,
            topic: chunk.topic,
            partition: chunk.partition,
            firstOffset: chunk.messages[0]?.offset,
          },
          'batch handler failed; topic paused, retrying',
        );
        const keepWaiting = () => payload.isRunning() && !payload.isStale();
        await waitWithHeartbeats(delayMs, payload.heartbeat, heartbeatIntervalMs, keepWaiting);
        if (!keepWaiting()) return false;
      }
    }
  } finally {
    resume?.();
  }
};
