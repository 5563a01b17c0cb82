import type { Batch, KafkaMessage } from 'kafkajs';
import { MemoryDeadLetterSink, deadLetter, done } from '@rebate/trade-source';
import { createEachBatch } from '../src';
import { quietLogger } from './broker';

const kafkaBatch = (count: number, highWatermark = count): Batch => {
  const messages: KafkaMessage[] = Array.from({ length: count }, (_, i) => ({
    key: Buffer.from('k'),
    value: Buffer.from(`v${i}`),
    offset: String(i),
    timestamp: '0',
    attributes: 0,
    headers: { h: Buffer.from('x') },
  }));
  return {
    topic: 't',
    partition: 0,
    highWatermark: String(highWatermark),
    messages,
    isEmpty: () => count === 0,
    firstOffset: () => (count ? '0' : null),
    lastOffset: () => String(count - 1),
    offsetLag: () => '0',
    offsetLagLow: () => '0',
  };
};

const payloadFor = (batch: Batch, state: { running?: boolean; stale?: () => boolean } = {}) => {
  const resolved: string[] = [];
  let commits = 0;
  return {
    resolved,
    commits: () => commits,
    payload: {
      batch,
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => undefined,
      commitOffsetsIfNecessary: async () => void (commits += 1),
      isRunning: () => state.running ?? true,
      isStale: state.stale ?? (() => false),
    },
  };
};

const options = {
  maxBatchSize: 4,
  heartbeatIntervalMs: 50,
  handlerBackoff: { initialMs: 1, maxMs: 2, maxAttempts: 3 },
  logger: quietLogger,
};

describe('eachBatch (kafkajs adapter)', () => {
  test('cuts a fetched batch into chunks; resolves and commits each chunk only after it is settled', async () => {
    const sink = new MemoryDeadLetterSink();
    const seen: string[][] = [];
    const { payload, resolved, commits } = payloadFor(kafkaBatch(10));
    await createEachBatch({
      handler: async (batch) => {
        seen.push(batch.messages.map((m) => m.offset));
        expect(resolved).toHaveLength(seen.length - 1); // nothing resolved ahead of its append
        return batch.messages.map((m) => (m.offset === '5' ? deadLetter('c', 'r') : done));
      },
      deadLetters: sink,
      options,
      pauseTopic: () => () => undefined,
    })(payload);
    expect(seen).toEqual([
      ['0', '1', '2', '3'],
      ['4', '5', '6', '7'],
      ['8', '9'],
    ]);
    expect(resolved).toEqual(['3', '7', '9']);
    expect(commits()).toBe(3);
    expect(sink.letters.map((l) => l.message.offset)).toEqual(['5']);
  });

  test('stops before a chunk when the consumer stops or the partition went stale', async () => {
    let stale = false;
    const { payload, resolved } = payloadFor(kafkaBatch(8), { stale: () => stale });
    await createEachBatch({
      handler: async (batch) => {
        stale = true; // a rebalance reset the position while the first chunk was stored
        return batch.messages.map(() => done);
      },
      deadLetters: new MemoryDeadLetterSink(),
      options,
      pauseTopic: () => () => undefined,
    })(payload);
    expect(resolved).toEqual([]);

    const stopped = payloadFor(kafkaBatch(8), { running: false });
    let called = false;
    await createEachBatch({
      handler: async () => {
        called = true;
        return [];
      },
      deadLetters: new MemoryDeadLetterSink(),
      options,
      pauseTopic: () => () => undefined,
    })(stopped.payload);
    expect(called).toBe(false);
  });

  test('a failing store: the topic is paused, the chunk retried, resumed after success', async () => {
    const events: string[] = [];
    let calls = 0;
    const { payload, resolved } = payloadFor(kafkaBatch(2));
    await createEachBatch({
      handler: async (batch) => {
        calls += 1;
        if (calls < 3) throw new Error('store down');
        events.push('stored');
        return batch.messages.map(() => done);
      },
      deadLetters: new MemoryDeadLetterSink(),
      options,
      pauseTopic: () => {
        events.push('pause');
        return () => events.push('resume');
      },
      onHandlerRetry: (attempt) => events.push(`retry ${attempt}`),
    })(payload);
    expect(events).toEqual(['pause', 'retry 1', 'retry 2', 'stored', 'resume']);
    expect(resolved).toEqual(['1']);
  });

  test('a message the store always refuses, while its probe answers: bisected out and dead-lettered, the rest stored', async () => {
    const sink = new MemoryDeadLetterSink();
    const stored: string[] = [];
    const poisoned: unknown[] = [];
    const { payload, resolved } = payloadFor(kafkaBatch(4));
    await createEachBatch({
      handler: async (batch) => {
        if (batch.messages.some((m) => m.offset === '2'))
          throw new Error('value too long for type');
        stored.push(...batch.messages.map((m) => m.offset));
        return batch.messages.map(() => done);
      },
      deadLetters: sink,
      options,
      probe: async () => 'answers',
      onPoison: (error) => poisoned.push(error),
      pauseTopic: () => () => undefined,
    })(payload);
    expect(stored.sort()).toEqual(['0', '1', '3']);
    expect(sink.letters.map((l) => [l.message.offset, l.code])).toEqual([['2', 'store-failed']]);
    expect(sink.letters[0]?.reason).toBe(
      'the store failed on this message 3 times while it answered other requests: value too long for type',
    );
    expect(poisoned).toHaveLength(1);
    expect(resolved).toEqual(['3']);
  });

  test('a store that does not answer its probe: no dead letter, no give-up; it waits until the store is back', async () => {
    const sink = new MemoryDeadLetterSink();
    let calls = 0;
    let probes = 0;
    const { payload, resolved } = payloadFor(kafkaBatch(2));
    await createEachBatch({
      handler: async (batch) => {
        calls += 1;
        if (calls <= 12) throw new Error('connection refused');
        return batch.messages.map(() => done);
      },
      deadLetters: sink,
      options,
      probe: async () => {
        probes += 1;
        if (calls <= 12) throw new Error('connection refused');
      },
      pauseTopic: () => () => undefined,
    })(payload);
    expect(calls).toBe(13);
    expect(probes).toBeGreaterThanOrEqual(4);
    expect(sink.letters).toEqual([]);
    expect(resolved).toEqual(['1']);
  });
});
