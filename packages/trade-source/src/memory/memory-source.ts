import { type BackoffPolicy, defaultBackoff, sleep } from '../backoff';
import type { DeadLetterSink } from '../dead-letter';
import type { BatchHandler } from '../disposition';
import type { SourceBatch } from '../message';
import { settleResiliently } from '../settle-resilient';
import type { SourceFailure, StartOptions, TradeSource } from '../source';
import type { MemoryTopic } from './memory-topic';

export interface MemorySourceOptions {
  readonly groupId: string;
  readonly deadLetters: DeadLetterSink;
  readonly maxBatchSize?: number;
  readonly backoff?: BackoffPolicy;
}

/**
 * The port implemented over a `MemoryTopic`: partitions are served round-robin, one batch at a
 * time, committed after settling, through `settleResiliently` as the Kafka adapter does.
 */
export class MemoryTradeSource implements TradeSource {
  readonly finished: Promise<SourceFailure | undefined>;
  private finish!: (result: SourceFailure | undefined) => void;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly topic: MemoryTopic,
    private readonly options: MemorySourceOptions,
  ) {
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  async start(handler: BatchHandler, options: StartOptions = {}): Promise<void> {
    if (this.loop) throw new Error('the source is already started');
    this.loop = this.consume(handler, options).then(
      () => this.finish(undefined),
      (error: unknown) =>
        this.finish({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.finish(undefined);
  }

  isConsuming(): boolean {
    return this.loop !== undefined && !this.stopping.signal.aborted;
  }

  private async consume(handler: BatchHandler, options: StartOptions): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const batch = this.nextBatch();
      if (!batch) {
        await sleep(5, signal);
        continue;
      }
      const settled = await settleResiliently(batch, {
        handler,
        deadLetters: this.options.deadLetters,
        policy: this.options.backoff ?? defaultBackoff,
        probe: options.probe,
        wait: async (ms) => {
          await sleep(ms, signal);
          return !signal.aborted;
        },
        isTransportError: () => false,
      });
      const last = batch.messages[batch.messages.length - 1];
      if (settled && last) {
        this.topic.commit(this.options.groupId, batch.partition, Number(last.offset) + 1);
      }
    }
  }

  private nextBatch(): SourceBatch | undefined {
    const positions = this.topic.positions(this.options.groupId);
    for (const [partition, log] of this.topic.partitions.entries()) {
      const from = positions[partition] ?? 0;
      if (from >= log.length) continue;
      const messages = log.slice(from, from + (this.options.maxBatchSize ?? 100));
      return {
        topic: this.topic.name,
        partition,
        messages,
        lagAfter: log.length - from - messages.length,
      };
    }
    return undefined;
  }
}
