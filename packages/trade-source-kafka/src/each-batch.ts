import type { EachBatchPayload } from 'kafkajs';
import {
  type BatchHandler,
  type DeadLetterSink,
  type SourceBatch,
  type StoreProbe,
  settleResiliently,
} from '@rebate/trade-source';
import { isKafkaError } from './errors';
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
  /** A message was dead-lettered because the store kept refusing it. */
  readonly onPoison?: (error: unknown) => void;
  /** Tells a store outage (wait) from a message the store refuses (dead-letter it). */
  readonly probe?: StoreProbe;
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
      if (!(await settleChunk(chunk, deps, payload))) return;
      // Stored, but the position was reset meanwhile: moving it would skip what the reset wants.
      if (payload.isStale()) return;
      const last = chunk.messages[chunk.messages.length - 1];
      if (last) payload.resolveOffset(last.offset);
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
    }
  };

/**
 * Settles one chunk through `settleResiliently` (retries, outage wait, poison isolation to the
 * dead-letter topic), pausing the whole topic while it retries (back-pressure: no partition
 * fetches more for a store that cannot take it) and heartbeating while it waits. Returns false
 * when the consumer stopped or the partition went stale meanwhile (the rest is redelivered).
 */
const settleChunk = async (
  chunk: SourceBatch,
  deps: EachBatchDeps,
  payload: Payload,
): Promise<boolean> => {
  const { handlerBackoff: policy, heartbeatIntervalMs, logger } = deps.options;
  let resume: (() => void) | undefined;
  const where = (batch: SourceBatch) => ({
    topic: batch.topic,
    partition: batch.partition,
    firstOffset: batch.messages[0]?.offset,
    lastOffset: batch.messages[batch.messages.length - 1]?.offset,
  });
  const keepWaiting = () => payload.isRunning() && !payload.isStale();
  try {
    return await withHeartbeats(
      () =>
        settleResiliently(chunk, {
          handler: deps.handler,
          deadLetters: deps.deadLetters,
          policy,
          probe: deps.probe,
          // The broker is in trouble (the dead-letter producer failed): kafkajs re-fetches,
          // reconnects or restarts the consumer; our effects so far are idempotent.
          isTransportError: isKafkaError,
          wait: async (ms) => {
            resume ??= deps.pauseTopic();
            await waitWithHeartbeats(ms, payload.heartbeat, heartbeatIntervalMs, keepWaiting);
            return keepWaiting();
          },
          onRetry: (attempt, error, batch) => {
            resume ??= deps.pauseTopic();
            deps.onHandlerRetry?.(attempt, error);
            logger.warn(
              { err: error, attempt, ...where(batch) },
              'batch handler failed; topic paused, retrying',
            );
          },
          onStoreDown: (error, batch) =>
            logger.error(
              { err: error, ...where(batch) },
              'the store does not answer; waiting for it (nothing is dead-lettered meanwhile)',
            ),
          onPoison: (batch, error) => {
            deps.onPoison?.(error);
            logger.error(
              { err: error, ...where(batch) },
              'the store keeps refusing this message while it answers: dead-lettering it',
            );
          },
        }),
      payload.heartbeat,
      heartbeatIntervalMs,
    );
  } finally {
    resume?.();
  }
};
