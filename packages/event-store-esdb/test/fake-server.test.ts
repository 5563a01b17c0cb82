import { describe, expect, test } from '@jest/globals';
import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import {
  IdempotencyConflictError,
  WrongExpectedRevisionError,
  type EventData,
  type RecordedEvent,
  type StreamAppend,
} from '@rebate/event-store';
import { createEsdbEventStoreFromClient, type EsdbStoreOptions } from '../src';
import { FakeEsdb } from './fake-esdb';

/**
 * The adapter's own logic (paging, exclusive checkpoints, namespaces, resubscription, conflict
 * mapping) against an in-memory fake with the server's read semantics. It proves the adapter
 * handles those semantics; only the contract suite on a real server proves the server has them.
 */

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;
const event = (type = 'RebateAccrued', eventId = uuid()): EventData => ({
  eventId,
  type,
  data: { n: counter },
  metadata: { schemaVersion: 1 },
});

function setup(options: EsdbStoreOptions = {}) {
  const esdb = new FakeEsdb();
  const store = createEsdbEventStoreFromClient(esdb.client, {
    namespace: 't1-',
    readPageSize: 2,
    subscriptionRetry: { initialDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
  return { esdb, store };
}

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

async function take(it: AsyncIterator<RecordedEvent>, n: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  while (out.length < n) {
    const next = await it.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('reads against a fake server', () => {
  test('readAll pages through $all, skipping system events and other namespaces', async () => {
    const { esdb, store } = setup();
    esdb.record('$settings', '$metadata', uuid());
    await store.append('acc-1', [event(), event()], 'no_stream');
    esdb.record('t2-acc-1', 'RebateAccrued', uuid());
    await store.append('acc-2', [event()], 'no_stream');
    esdb.record('$$t1-acc-1', '$metadata', uuid());
    await store.append('acc-1', [event()], 1);

    const all = await collect(store.readAll());
    expect(all.map((e) => `${e.streamId}@${e.revision}`)).toEqual([
      'acc-1@0',
      'acc-1@1',
      'acc-2@0',
      'acc-1@2',
    ]);
    const positions = all.map((e) => e.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(4);
    expect(esdb.readAllCalls.every((c) => c.maxCount === 2)).toBe(true); // never unbounded
  });

  test('after is exclusive and maxCount counts only delivered events', async () => {
    const { store } = setup();
    await store.append('acc-1', [event(), event(), event(), event()], 'no_stream');
    const all = await collect(store.readAll());
    const second = all[1] as RecordedEvent;
    const rest = await collect(store.readAll({ after: second.position }));
    expect(rest.map((e) => e.revision)).toEqual([2, 3]);
    const one = await collect(store.readAll({ after: second.position, maxCount: 1 }));
    expect(one.map((e) => e.revision)).toEqual([2]);
    const last = all[3] as RecordedEvent;
    expect(await collect(store.readAll({ after: last.position }))).toEqual([]);
  });

  test('readAll filters by stream prefix and event type', async () => {
    const { store } = setup();
    await store.append('acc-1', [event('A'), event('B')], 'no_stream');
    await store.append('pay-1', [event('A')], 'no_stream');
    const accA = await collect(
      store.readAll({ filter: { streamPrefixes: ['acc-'], eventTypes: ['A'] } }),
    );
    expect(accA.map((e) => `${e.streamId}:${e.type}`)).toEqual(['acc-1:A']);
    expect(await collect(store.readAll({ filter: { eventTypes: [] } }))).toEqual([]);
  });

  test('readStream pages both ways, from a revision, up to maxCount; missing is empty', async () => {
    const { store } = setup();
    await store.append('acc-1', [event(), event(), event(), event(), event()], 'no_stream');
    const revisions = async (options: Parameters<typeof store.readStream>[1]) =>
      (await collect(store.readStream('acc-1', options))).map((e) => e.revision);
    expect(await revisions(undefined)).toEqual([0, 1, 2, 3, 4]);
    expect(await revisions({ fromRevision: 1, maxCount: 3 })).toEqual([1, 2, 3]);
    expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
    expect(await revisions({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
    expect(await revisions({ maxCount: 0 })).toEqual([]);
    expect(await collect(store.readStream('nope'))).toEqual([]);
  });

  test('headPosition is the newest event of this store, past trailing system events', async () => {
    const { esdb, store } = setup();
    expect(await store.headPosition()).toBeUndefined();
    esdb.record('$stats', '$statsCollected', uuid());
    expect(await store.headPosition()).toBeUndefined();
    const appended = await store.append('acc-1', [event(), event()], 'no_stream');
    esdb.record('$$t1-acc-1', '$metadata', uuid());
    esdb.record('t2-acc-1', 'RebateAccrued', uuid());
    esdb.record('$stats', '$statsCollected', uuid());
    expect(await store.headPosition()).toBe(appended.position);
  });
});

describe('appends against a fake server', () => {
  test('the result names the last revision and the position readAll reports', async () => {
    const { store } = setup();
    const result = await store.append('acc-1', [event(), event()], 'no_stream');
    const all = await collect(store.readAll());
    expect(result).toEqual({ nextRevision: 1, position: all[1]?.position });
  });

  test('appending the same ids again is a no-op with the first answer', async () => {
    const { esdb, store } = setup();
    const batch = [event(), event()];
    const first = await store.append('acc-1', batch, 'no_stream');
    await store.append('acc-1', [event()], 1); // the stream moves on
    const again = await store.append('acc-1', batch, 'no_stream'); // no position from ESDB
    expect(again).toEqual(first);
    expect(esdb.log).toHaveLength(3);
  });

  test('a replay sent with a stale expected revision is still answered as a replay', async () => {
    const { store } = setup();
    const batch = [event(), event(), event()];
    const first = await store.append('acc-1', batch, 'no_stream');
    await store.append('acc-1', [event()], 2);
    expect(await store.append('acc-1', batch, 0)).toEqual(first);
    const upper = batch.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() }));
    expect(await store.append('acc-1', upper, 'no_stream')).toEqual(first);
    expect((await collect(store.readStream('acc-1'))).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
  });

  test('conflicts carry the actual revision, undefined for a missing stream', async () => {
    const { store } = setup();
    await expect(store.append('acc-1', [event()], 0)).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      expected: 0,
      actual: undefined,
    });
    await store.append('acc-1', [event(), event()], 'no_stream');
    const error = await store.append('acc-1', [event()], 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ expected: 0, actual: 1 });
    await expect(store.append('acc-1', [event()], 'no_stream')).rejects.toMatchObject({
      actual: 1,
    });
    await expect(store.append('acc-9', [event()], 'stream_exists')).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: undefined,
    });
  });

  test('reusing some ids of a stored append is an IdempotencyConflictError', async () => {
    const { store } = setup();
    const a = event();
    await store.append('acc-1', [a, event()], 'no_stream');
    await expect(store.append('acc-1', [a, event()], 'no_stream')).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
  });

  test('bad arguments are refused before anything is written', async () => {
    const { esdb, store } = setup();
    await expect(store.append('acc-1', [event()], -1)).rejects.toThrow(/no_stream/);
    await expect(store.append('acc-1', [], 'any')).rejects.toThrow(RangeError);
    await expect(store.append('$acc', [event()], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('acc-1', [event('$x')], 'any')).rejects.toThrow(TypeError);
    const twice = event();
    await expect(store.append('acc-1', [twice, twice], 'any')).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    await expect(
      store.appendMany([
        { streamId: 'acc-1', events: [event()], expected: 'no_stream' },
        { streamId: 'acc-2', events: [{ ...event(), eventId: 'x' }], expected: 'no_stream' },
      ]),
    ).rejects.toThrow(/UUID/);
    expect(esdb.log).toHaveLength(0);
  });

  test('appendMany applies a prefix on failure; the retry completes it without doubling', async () => {
    const { esdb, store } = setup();
    await store.append('acc-3', [event()], 'no_stream'); // makes the third append conflict
    const acc3 = [event()];
    const appends: StreamAppend[] = [
      { streamId: 'acc-1', events: [event()], expected: 'no_stream' },
      { streamId: 'acc-2', events: [event(), event()], expected: 'no_stream' },
      { streamId: 'acc-3', events: acc3, expected: 'no_stream' },
    ];
    await expect(store.appendMany(appends)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(esdb.log).toHaveLength(4); // acc-3's own event + the prefix (acc-1, acc-2)
    const fixed = [...appends.slice(0, 2), { streamId: 'acc-3', events: acc3, expected: 0 }];
    const results = await store.appendMany(fixed);
    expect(results.map((r) => r.nextRevision)).toEqual([0, 1, 1]);
    expect(esdb.log).toHaveLength(5);
  });
});

describe('subscription against a fake server', () => {
  test('catches up, goes live, resubscribes after a drop, never repeats or skips', async () => {
    const drops: number[] = [];
    const { esdb, store } = setup({ onSubscriptionDrop: (_e, attempt) => drops.push(attempt) });
    esdb.inclusiveSubscriptions = true; // the adapter must not rely on exclusive starts
    await store.append('acc-1', [event(), event(), event()], 'no_stream');
    const controller = new AbortController();
    const it = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]();
    const first = await take(it, 2);
    esdb.dropSubscriptions(new UnavailableError());
    await store.append('acc-1', [event(), event()], 2);
    const rest = await take(it, 3);
    const seen = [...first, ...rest].map((e) => e.revision);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(drops).toEqual([1]);
    const resumedFrom = esdb.subscribeCalls[1]?.fromPosition;
    expect(resumedFrom).toEqual({ commit: first[1]?.position, prepare: first[1]?.position });

    controller.abort();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(esdb.liveSubscriptions).toBe(0);
  });

  test('after is exclusive; a filter is sent to the server and applied exactly', async () => {
    const { esdb, store } = setup();
    await store.append('acc-1', [event('A'), event('B'), event('A')], 'no_stream');
    const [firstA] = await collect(store.readAll({ maxCount: 1 }));
    const controller = new AbortController();
    const sub = store.subscribeToAll({
      after: firstA?.position,
      filter: { streamPrefixes: ['acc-'], eventTypes: ['A'] },
      signal: controller.signal,
    });
    const it = sub[Symbol.asyncIterator]();
    expect((await take(it, 1)).map((e) => e.revision)).toEqual([2]);
    expect(esdb.subscribeCalls[0]?.filter).toMatchObject({ prefixes: ['t1-acc-'] });
    controller.abort();
    await it.return?.();
  });

  test('a permanent error ends the subscription; close() ends live ones normally', async () => {
    const { esdb, store } = setup();
    await store.append('acc-1', [event()], 'no_stream');
    const failing = store.subscribeToAll()[Symbol.asyncIterator]();
    await take(failing, 1);
    esdb.dropSubscriptions(new AccessDeniedError());
    await expect(failing.next()).rejects.toBeInstanceOf(AccessDeniedError);

    const live = store.subscribeToAll()[Symbol.asyncIterator]();
    await take(live, 1);
    const pending = live.next();
    await store.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    await expect(store.append('acc-1', [event()], 0)).rejects.toThrow(/closed/);
  });

  test('gives up after maxAttempts failed resubscriptions in a row with the last error', async () => {
    const drops: number[] = [];
    const { esdb, store } = setup({
      subscriptionRetry: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 },
      onSubscriptionDrop: (_e, attempt) => drops.push(attempt),
    });
    esdb.failSubscriptions = new UnavailableError();
    const it = store.subscribeToAll()[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toBeInstanceOf(UnavailableError);
    expect(drops).toEqual([1, 2]);
    expect(esdb.subscribeCalls).toHaveLength(3);
  });
});
