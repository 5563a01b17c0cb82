import type { Batch, IHeaders, KafkaMessage } from 'kafkajs';
import type { SourceBatch, SourceHeader, SourceMessage } from '@rebate/trade-source';

const headerBytes = (value: Buffer | string): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');

export const toSourceHeaders = (headers: IHeaders | undefined): SourceHeader[] =>
  Object.entries(headers ?? {}).flatMap(([name, value]) => {
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.map((one) => ({ name, value: headerBytes(one) }));
  });

const toSourceMessage = (
  topic: string,
  partition: number,
  message: KafkaMessage,
): SourceMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key,
  value: message.value,
  headers: toSourceHeaders(message.headers),
  timestamp: message.timestamp,
});

/** Messages left in the partition after `offset`, from the fetch's high watermark. */
const lagAfter = (batch: Batch, offset: string): number =>
  Number(BigInt(batch.highWatermark) - BigInt(offset) - 1n);

/** A fetched kafkajs batch, cut into chunks of at most `maxSize` messages in offset order. */
export const toSourceBatches = (batch: Batch, maxSize: number): SourceBatch[] => {
  const chunks: SourceBatch[] = [];
  for (let start = 0; start < batch.messages.length; start += maxSize) {
    const messages = batch.messages
      .slice(start, start + maxSize)
      .map((message) => toSourceMessage(batch.topic, batch.partition, message));
    const last = messages[messages.length - 1];
    if (!last) continue;
    chunks.push({
      topic: batch.topic,
      partition: batch.partition,
      messages,
      lagAfter: lagAfter(batch, last.offset),
    });
  }
  return chunks;
};
