import type { SourceHeader, SourceMessage } from '../message';

export interface PublishInput {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, string | Buffer>>;
}

const toBytes = (value: Buffer | string | null): Buffer | null =>
  value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');

/** A stable partition for a key, as Kafka's default partitioner gives one (not the same hash). */
const partitionOf = (key: Buffer | null, partitions: number, counter: number): number => {
  if (key === null) return counter % partitions;
  let hash = 0;
  for (const byte of key) hash = (hash * 31 + byte) >>> 0;
  return hash % partitions;
};

/**
 * A partitioned log in memory with committed positions per group: the test double of a Kafka
 * topic, for unit tests of handlers and for the contract suite's reference run.
 */
export class MemoryTopic {
  readonly partitions: SourceMessage[][];
  private readonly committed = new Map<string, number[]>();
  private published = 0;

  constructor(
    readonly name: string,
    partitionCount = 3,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => []);
  }

  publish(inputs: readonly PublishInput[]): void {
    for (const input of inputs) {
      const key = toBytes(input.key);
      const partition = partitionOf(key, this.partitions.length, this.published);
      this.published += 1;
      const log = this.partitions[partition] as SourceMessage[];
      const headers: SourceHeader[] = Object.entries(input.headers ?? {}).map(([name, value]) => ({
        name,
        value: toBytes(value) as Buffer,
      }));
      log.push({
        topic: this.name,
        partition,
        offset: String(log.length),
        key,
        value: toBytes(input.value),
        headers,
        timestamp: String(Date.now()),
      });
    }
  }

  /** Next offset to deliver to `groupId` for each partition (0 for a new group). */
  positions(groupId: string): number[] {
    let positions = this.committed.get(groupId);
    if (!positions) {
      positions = this.partitions.map(() => 0);
      this.committed.set(groupId, positions);
    }
    return positions;
  }

  commit(groupId: string, partition: number, nextOffset: number): void {
    this.positions(groupId)[partition] = nextOffset;
  }
}
