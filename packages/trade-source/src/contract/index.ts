import { afterEach, describe, expect, test } from '@jest/globals';
import { deadLetter, done } from '../disposition';
import type { SourceMessage } from '../message';
import { STORE_FAILED_CODE } from '../settle-resilient';
import type { TradeSource } from '../source';
import type { ContractChannel, ContractMessage, TradeSourceHarness } from './harness';
import { RecordingHandler, waitFor } from './recorder';

export type {
  ContractChannel,
  ContractMessage,
  StoredDeadLetter,
  TradeSourceHarness,
} from './harness';
export { RecordingHandler, waitFor } from './recorder';

const messagesFor = (count: number, from = 0): ContractMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `k${(from + i) % 7}`,
    // Some values are not text at all: the source must not touch the bytes.
    value: (from + i) % 10 === 3 ? Buffer.from([0xff, 0x00, from + i, 0xfe]) : `v${from + i}`,
    headers: { n: String(from + i) },
  }));

const bytesOf = (value: Buffer | string | null): string =>
  value === null ? '<null>' : Buffer.from(value).toString('hex');

const ids = (messages: readonly SourceMessage[]) =>
  messages.map((m) => m.headers.find((h) => h.name === 'n')?.value.toString('utf8'));

/**
 * THE trade-source contract: what the ingestion service relies on from any transport. Each
 * adapter's test calls this with its harness (the in-memory one, kafkajs on a real broker).
 */
export function describeTradeSourceContract(name: string, harness: TradeSourceHarness): void {
  describe(`${name} trade source contract`, () => {
    const open: TradeSource[] = [];
    const channels: ContractChannel[] = [];
    const channel = async (partitions: number) => {
      const created = await harness.createChannel(partitions);
      channels.push(created);
      return created;
    };
    const source = (on: ContractChannel, groupId: string, maxBatchSize = 50) => {
      const made = on.openSource(groupId, { maxBatchSize });
      open.push(made);
      return made;
    };
    const timeout = harness.deliveryTimeoutMs;

    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.stop()));
      await Promise.all(channels.splice(0).map((c) => c.dispose()));
    });

    test('delivers every message once, each key in publish order, bytes and headers untouched', async () => {
      const on = await channel(3);
      const sent = messagesFor(300);
      await on.publish(sent);
      const handler = new RecordingHandler();
      await source(on, 'g1').start(handler.handle);
      await waitFor(
        () => handler.messages.length >= 300,
        timeout,
        () => `${handler.messages.length} of 300`,
      );

      const got = handler.messages;
      expect(new Set(ids(got)).size).toBe(300);
      for (const key of new Set(sent.map((m) => m.key))) {
        const wanted = sent.filter((m) => m.key === key);
        const received = got.filter((m) => m.key?.toString('utf8') === key);
        expect(received.map((m) => bytesOf(m.value))).toEqual(wanted.map((m) => bytesOf(m.value)));
        expect(ids(received)).toEqual(wanted.map((m) => m.headers?.['n']));
      }
      for (const batch of handler.batches) {
        expect(new Set(batch.map((m) => m.partition)).size).toBe(1);
        expect(batch.length).toBeLessThanOrEqual(50);
      }
    });

    test('after a stop, the group resumes after what was settled', async () => {
      const on = await channel(2);
      await on.publish(messagesFor(100));
      const first = new RecordingHandler();
      const a = source(on, 'g2');
      await a.start(first.handle);
      await waitFor(
        () => first.messages.length >= 100,
        timeout,
        () => `${first.messages.length} of 100`,
      );
      await a.stop();
      expect(await a.finished).toBeUndefined();

      await on.publish(messagesFor(40, 100));
      const second = new RecordingHandler();
      await source(on, 'g2').start(second.handle);
      await waitFor(
        () => second.messages.length >= 40,
        timeout,
        () => `${second.messages.length} of 40`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ids(second.messages).sort()).toEqual(
        messagesFor(40, 100)
          .map((m) => m.headers?.['n'])
          .sort(),
      );
    });

    test('dead-letter dispositions reach the sink with the original key and bytes, code, reason and source', async () => {
      const on = await channel(2);
      const sent = messagesFor(60);
      await on.publish(sent);
      const refuse = (m: SourceMessage) => Number(m.headers[0]?.value.toString('utf8')) % 4 === 0;
      const handler = new RecordingHandler((m) =>
        refuse(m)
          ? deadLetter('invalid-input', `refused ${m.headers[0]?.value.toString('utf8')}`)
          : done,
      );
      await source(on, 'g3').start(handler.handle);
      await waitFor(
        () => handler.messages.length >= 60,
        timeout,
        () => `${handler.messages.length} of 60`,
      );

      const refused = handler.messages.filter(refuse);
      const letters = await on.deadLetters(refused.length);
      const describe = (l: {
        key: Buffer | null;
        value: Buffer | null;
        partition: number;
        offset: string;
      }) => `${l.key?.toString('utf8')}|${bytesOf(l.value)}|${l.partition}/${l.offset}`;
      expect(
        letters
          .map((l) => describe({ ...l, partition: l.sourcePartition, offset: l.sourceOffset }))
          .sort(),
      ).toEqual(refused.map((m) => describe(m)).sort());
      for (const letter of letters) {
        expect(letter.code).toBe('invalid-input');
        expect(letter.reason).toMatch(/^refused \d+$/);
      }
    });

    test('a failing handler gets the batch again: nothing is lost', async () => {
      const on = await channel(1);
      await on.publish(messagesFor(30));
      const handler = new RecordingHandler((_, call) => (call === 1 ? 'throw' : done));
      await source(on, 'g4', 10).start(handler.handle);
      await waitFor(
        () => handler.messages.length >= 30,
        timeout,
        () => `${handler.messages.length} of 30`,
      );
      expect(ids(handler.messages)).toEqual(messagesFor(30).map((m) => m.headers?.['n']));
    });

    test('a message the store always refuses is dead-lettered with the reason; its partition goes on', async () => {
      const on = await channel(1);
      await on.publish(messagesFor(25));
      const poison = (m: SourceMessage) => m.headers[0]?.value.toString('utf8') === '7';
      let probes = 0;
      const handler = new RecordingHandler((m) => (poison(m) ? 'throw' : done));
      const a = source(on, 'g6', 10);
      await a.start(handler.handle, { probe: async () => void (probes += 1) });
      await waitFor(
        () => handler.messages.length >= 24,
        timeout,
        () => `${handler.messages.length} of 24`,
      );
      const [letter, ...more] = await on.deadLetters(1);
      expect(more).toEqual([]);
      expect(letter?.code).toBe(STORE_FAILED_CODE);
      expect(letter?.sourceOffset).toBe('7');
      expect(letter?.reason).toMatch(/store failed on this message \d+ times.*on purpose/);
      expect(new Set(ids(handler.messages)).size).toBe(24);
      expect(ids(handler.messages)).not.toContain('7');
      expect(probes).toBeGreaterThan(0);
      await a.stop();
      expect(await a.finished).toBeUndefined(); // no exit, no restart loop
    });

    test('a store that does not answer its probe: nothing is dead-lettered, the source waits for it', async () => {
      const on = await channel(1);
      await on.publish(messagesFor(5));
      let storeUp = false;
      const handler = new RecordingHandler(() => (storeUp ? done : 'throw'));
      const a = source(on, 'g7', 10);
      await a.start(handler.handle, {
        probe: async () => {
          if (!storeUp) throw new Error('connection refused');
        },
      });
      await waitFor(
        () => handler.calls >= 8,
        timeout,
        () => `${handler.calls} calls`,
      );
      expect(handler.messages).toEqual([]);
      storeUp = true;
      await waitFor(
        () => handler.messages.length >= 5,
        timeout,
        () => `${handler.messages.length} of 5`,
      );
      expect(await on.deadLetters(0)).toEqual([]);
    });

    test('stop() lets the batch in flight finish and settles it', async () => {
      const on = await channel(1);
      await on.publish(messagesFor(20));
      const slow = new RecordingHandler(() => done, 400);
      const a = source(on, 'g5', 20);
      await a.start(slow.handle);
      await waitFor(
        () => slow.calls >= 1,
        timeout,
        () => 'no batch started',
      );
      await a.stop();
      expect(slow.messages).toHaveLength(20);

      const again = new RecordingHandler();
      await source(on, 'g5').start(again.handle);
      await new Promise((resolve) => setTimeout(resolve, Math.min(timeout, 3000)));
      expect(again.messages).toHaveLength(0);
    });
  });
}
