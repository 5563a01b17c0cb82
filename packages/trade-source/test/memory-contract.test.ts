import { describeTradeSourceContract } from '@rebate/trade-source/contract';
import { MemoryDeadLetterSink, MemoryTopic, MemoryTradeSource } from '../src';

describeTradeSourceContract('in-memory', {
  deliveryTimeoutMs: 5000,
  createChannel: async (partitions) => {
    const topic = new MemoryTopic('trades', partitions);
    const sink = new MemoryDeadLetterSink();
    return {
      publish: async (messages) => topic.publish(messages),
      openSource: (groupId, { maxBatchSize }) =>
        new MemoryTradeSource(topic, {
          groupId,
          deadLetters: sink,
          maxBatchSize,
          backoff: { initialMs: 10, maxMs: 50, maxAttempts: 5 },
        }),
      deadLetters: async () =>
        sink.letters.map(({ message, code, reason }) => ({
          key: message.key,
          value: message.value,
          code,
          reason,
          sourcePartition: message.partition,
          sourceOffset: message.offset,
        })),
      dispose: async () => undefined,
    };
  },
});
