import { type Consumer, type Kafka, KafkaJSError } from 'kafkajs';
import {
  type BatchHandler,
  type DeadLetterSink,
  type SourceFailure,
  type StartOptions,
  type TradeSource,
  backoffDelay,
  sleep,
} from '@rebate/trade-source';
import { brokerRetry } from './kafka-client';
import { createEachBatch } from './each-batch';
import { type KafkaSourceOptions, defaultKafkaSourceOptions } from './options';

export interface KafkaSourceHooks {
  readonly onHandlerRetry?: (attempt: number, error: unknown) => void;
  readonly onPoison?: (error: unknown) => void;
}

/**
 * The trade source on a kafkajs consumer group. kafkajs recovers from broker trouble by itself
 * (reconnects, rejoins, restarts the consumer after a crash it calls retriable); `finished`
 * settles with a failure only when it will not restart (CRASH with restart: false), and the
 * process should then exit non-zero.
 */
export class KafkaTradeSource implements TradeSource {
  readonly finished: Promise<SourceFailure | undefined>;
  private settle!: (result: SourceFailure | undefined) => void;
  private consumer: Consumer | undefined;
  private consuming = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly deadLetters: DeadLetterSink,
    private readonly options: KafkaSourceOptions,
    private readonly hooks: KafkaSourceHooks = {},
  ) {
    this.finished = new Promise((resolve) => (this.settle = resolve));
  }

  async start(handler: BatchHandler, startOptions: StartOptions = {}): Promise<void> {
    if (this.consumer) throw new Error('the source is already started');
    const { options } = this;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: options.rebalanceTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? defaultKafkaSourceOptions.maxWaitTimeMs,
      // Only broker trouble reaches kafkajs (the handler's failures are settled in eachBatch,
      // dead-lettered or waited out): it restarts the consumer.
      retry: brokerRetry,
    });
    this.consumer = consumer;
    this.watch(consumer);
    await consumer.connect();
    // A topic that is being created (or auto-created by this very request) is briefly unknown.
    await retryRetriable(
      () => consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning }),
      options.logger,
    );
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: options.commitIntervalMs,
      partitionsConsumedConcurrently: options.partitionsConcurrently,
      eachBatch: createEachBatch({
        handler,
        deadLetters: this.deadLetters,
        options,
        pauseTopic: () => {
          consumer.pause([{ topic: options.topic }]);
          return () => consumer.resume([{ topic: options.topic }]);
        },
        ...(this.hooks.onHandlerRetry ? { onHandlerRetry: this.hooks.onHandlerRetry } : {}),
        ...(this.hooks.onPoison ? { onPoison: this.hooks.onPoison } : {}),
        ...(startOptions.probe ? { probe: startOptions.probe } : {}),
      }),
    });
  }

  /** kafkajs's disconnect stops fetching, waits for the batch in flight and its commit, leaves. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.consuming = false;
      await this.consumer?.disconnect();
      this.settle(undefined);
    })();
    return this.stopping;
  }

  isConsuming(): boolean {
    return this.consuming;
  }

  private watch(consumer: Consumer): void {
    const { logger, groupId } = this.options;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.consuming = this.stopping === undefined;
      logger.info(
        { groupId, memberId: payload.memberId, assignment: payload.memberAssignment },
        'joined the consumer group',
      );
    });
    consumer.on(consumer.events.REBALANCING, () => {
      logger.info({ groupId }, 'the group is rebalancing');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.consuming = false;
      const error = payload.error;
      if (payload.restart) {
        logger.warn({ err: error, groupId }, 'the consumer crashed; kafkajs restarts it');
        return;
      }
      logger.error({ err: error, groupId }, 'the consumer crashed and will not restart');
      this.settle({ error: rootCause(error) });
    });
  }
}

const retryRetriable = async (work: () => Promise<void>, logger: KafkaSourceOptions['logger']) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof KafkaJSError) || !error.retriable || attempt >= 10) throw error;
      logger.warn({ err: error, attempt }, 'subscribing failed; retrying');
      await sleep(backoffDelay({ initialMs: 200, maxMs: 3000, maxAttempts: 10 }, attempt));
    }
  }
};

/** kafkajs wraps what it retried: the error our code threw is under its KafkaJS wrappers. */
const rootCause = (error: Error): Error => {
  let current: Error = error;
  for (let depth = 0; depth < 10 && current instanceof KafkaJSError; depth += 1) {
    const cause: unknown = (current as { cause?: unknown }).cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current;
};
