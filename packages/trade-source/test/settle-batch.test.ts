import {
  MemoryDeadLetterSink,
  MemoryTopic,
  MemoryTradeSource,
  type SourceBatch,
  deadLetter,
  done,
  settleBatch,
} from '../src';

const batchOf = (values: string[]): SourceBatch => {
  const topic = new MemoryTopic('t', 1);
  topic.publish(values.map((value) => ({ key: 'k', value })));
  return { topic: 't', partition: 0, messages: topic.partitions[0] ?? [], lagAfter: 0 };
};

describe('settleBatch', () => {
  test('publishes the dead letters of a batch, in order, with their messages', async () => {
    const sink = new MemoryDeadLetterSink();
    const batch = batchOf(['a', 'b', 'c']);
    await settleBatch(
      batch,
      async () => [done, deadLetter('x', 'why b'), deadLetter('y', 'why c')],
      sink,
    );
    expect(sink.letters.map((l) => [l.message.value?.toString(), l.code, l.reason])).toEqual([
      ['b', 'x', 'why b'],
      ['c', 'y', 'why c'],
    ]);
  });

  test('a handler that answers for the wrong number of messages is an error, and nothing is published', async () => {
    const sink = new MemoryDeadLetterSink();
    await expect(
      settleBatch(batchOf(['a', 'b']), async () => [deadLetter('x', 'y')], sink),
    ).rejects.toThrow(/1 dispositions for 2 messages/);
    expect(sink.letters).toHaveLength(0);
  });

  test('a failing sink fails the settlement (the source must not move past the batch)', async () => {
    const sink = new MemoryDeadLetterSink();
    sink.failNext();
    await expect(
      settleBatch(batchOf(['a']), async () => [deadLetter('x', 'y')], sink),
    ).rejects.toThrow(/unavailable/);
  });
});

describe('MemoryTradeSource', () => {
  test('a handler that keeps failing while the store probe fails: the source never gives up nor commits', async () => {
    const topic = new MemoryTopic('t', 1);
    topic.publish([{ key: 'k', value: 'v' }]);
    const source = new MemoryTradeSource(topic, {
      groupId: 'g',
      deadLetters: new MemoryDeadLetterSink(),
      backoff: { initialMs: 1, maxMs: 2, maxAttempts: 3 },
    });
    let calls = 0;
    await source.start(
      async () => {
        calls += 1;
        throw new Error('store down');
      },
      { probe: async () => Promise.reject(new Error('store down')) },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBeGreaterThan(6);
    expect(topic.positions('g')).toEqual([0]);
    await source.stop();
    expect(await source.finished).toBeUndefined();
  });
});
