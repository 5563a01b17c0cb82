import type { TradeSource } from '../source';

export interface ContractMessage {
  readonly key: string;
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A dead letter as the sink stored it, read back. */
export interface StoredDeadLetter {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly code: string;
  readonly reason: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
}

/** A fresh topic (with its own dead-letter place) for one contract test. */
export interface ContractChannel {
  publish(messages: readonly ContractMessage[]): Promise<void>;
  /** A source of consumer group `groupId` on this topic, settling into this channel's sink. */
  openSource(groupId: string, options: { readonly maxBatchSize: number }): TradeSource;
  deadLetters(expected: number): Promise<StoredDeadLetter[]>;
  dispose(): Promise<void>;
}

/** What an adapter's test gives the contract suite. */
export interface TradeSourceHarness {
  createChannel(partitions: number): Promise<ContractChannel>;
  /** How long the suite waits for deliveries (a real broker needs a group join first). */
  readonly deliveryTimeoutMs: number;
}
