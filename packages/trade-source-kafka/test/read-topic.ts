import { type Kafka, KafkaJSError, type KafkaMessage } from 'kafkajs';
import { freshName } from './broker';

/** Reads at least `expected` messages of a topic from the beginning with a throwaway group. */
export const readTopic = async (
  kafka: Kafka,
  topic: string,
  expected: number,
  timeoutMs = 20_000,
): Promise<KafkaMessage[]> => {
  const messages: KafkaMessage[] = [];
  if (expected === 0) return messages;
  const consumer = kafka.consumer({ groupId: freshName('reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  // The topic may not exist yet (auto-created by its first write): retry while it is unknown.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      break;
    } catch (error) {
      if (attempt >= 40 || !(error instanceof KafkaJSError) || !error.retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${expected}`)),
        timeoutMs,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          messages.push(...batch.messages);
          if (messages.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
};
