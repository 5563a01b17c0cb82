import type { IHeaders, Kafka } from 'kafkajs';

/** A record read back from a partition, committed (below the high watermark). */
export interface ReadRecord {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** The few parts of kafkajs's internal Cluster and Broker this reader calls. */
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(query: { nodeId: number }): Promise<{
    fetch(request: object): Promise<{
      responses: {
        partitions: { partition: number; highWatermark: string; messages: ReadRecord[] }[];
      }[];
    }>;
  }>;
}

const CREATE_CLUSTER = 'private:Kafka:createCluster';

/**
 * Reads committed records at given offsets straight from a partition's current leader, with no
 * consumer group. kafkajs has no public call for that, so this uses its internal cluster (the
 * dependency is pinned to exactly 2.2.4, whose internals no longer change); the same client
 * settings (brokers, retries, logging) apply. Used to verify that what `send()` acknowledged is
 * really in the log (tulios/kafkajs#1798).
 */
export class PartitionReader {
  private readonly cluster: InternalCluster;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === CREATE_CLUSTER);
    const create = key && (kafka as unknown as Record<symbol, unknown>)[key];
    if (typeof create !== 'function') {
      throw new Error('this kafkajs version has no internal cluster factory (2.2.4 expected)');
    }
    this.cluster = (create as (options: object) => InternalCluster)({
      allowAutoTopicCreation: false,
    });
  }

  /** Committed records of `topic`/`partition` from `fromOffset`, at most `maxCount` of them. */
  async read(
    topic: string,
    partition: number,
    fromOffset: string,
    maxCount: number,
  ): Promise<ReadRecord[]> {
    this.connected ??= this.cluster.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.cluster.addTargetTopic(topic);
    await this.cluster.refreshMetadata(); // the leader now, not the one send() talked to
    const metadata = this.cluster.findTopicPartitionMetadata(topic);
    const leader = metadata.find((p) => p.partitionId === partition)?.leader;
    if (leader === undefined || leader < 0) return [];
    const broker = await this.cluster.findBroker({ nodeId: leader });
    const records: ReadRecord[] = [];
    let next = BigInt(fromOffset);
    const end = next + BigInt(maxCount);
    while (next < end) {
      const response = await broker
        .fetch({
          replicaId: -1,
          isolationLevel: 0, // read uncommitted = up to the high watermark: what all ISR hold
          maxWaitTime: 0,
          minBytes: 0,
          maxBytes: 4 * 1024 * 1024,
          topics: [
            {
              topic,
              partitions: [{ partition, fetchOffset: String(next), maxBytes: 4 * 1024 * 1024 }],
            },
          ],
        })
        // Past the end of the log (the offset of a write that was truncated): nothing is there.
        .catch((error: unknown) => {
          if ((error as { type?: unknown }).type === 'OFFSET_OUT_OF_RANGE') return undefined;
          throw error;
        });
      if (!response) break;
      const fetched = response.responses[0]?.partitions.find((p) => p.partition === partition);
      // A fetch starts at the record batch holding `next`: drop what lies before it.
      const fresh = (fetched?.messages ?? []).filter(
        (m) => BigInt(m.offset) >= next && BigInt(m.offset) < end,
      );
      if (fresh.length === 0) break; // reached the high watermark
      records.push(...fresh);
      next = BigInt((fresh[fresh.length - 1] as ReadRecord).offset) + 1n;
    }
    return records;
  }

  async close(): Promise<void> {
    if (this.connected) await this.cluster.disconnect().catch(() => undefined);
    this.connected = undefined;
  }
}
