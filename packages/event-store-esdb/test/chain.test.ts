import { describe, expect, test } from '@jest/globals';
import {
  type EventData,
  type EventStore,
  type RecordedEvent,
  verifyChain,
  WrongExpectedRevisionError,
} from '@rebate/event-store';
import { createEsdbEventStoreFromClient } from '../src';
import { FakeEsdb, type FakeRecord } from './fake-esdb';

/**
 * The EventStoreDB chain (per stream, bound by seals) against the in-memory fake server. The
 * shared contract (`describeChain`) runs these against a real server; here the fake also lets
 * the tests tamper with stored records, which no ESDB client can.
 */

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;
const event = (data: unknown = { n: counter }): EventData => ({
  eventId: uuid(),
  type: 'RebateAccrued',
  data,
  metadata: { schemaVersion: 1, correlationId: 'c' },
});

function setup() {
  const esdb = new FakeEsdb();
  const store = createEsdbEventStoreFromClient(esdb.client, { namespace: 'n-', readPageSize: 3 });
  const chain = store.chain;
  if (chain?.seal === undefined) throw new Error('the ESDB store must have a sealable chain');
  return { esdb, store, chain, seal: chain.seal };
}

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** A small ledger: trade streams, an agreements stream, a loose append. */
async function ledger(store: EventStore): Promise<void> {
  await store.append('trade-1', [event()], 'no_stream');
  await store.append('agreements', [event(), event()], 'no_stream');
  await store.appendMany([
    { streamId: 'trade-2', events: [event()], expected: 'no_stream' },
    { streamId: 'agreements', events: [event()], expected: 1 },
  ]);
  await store.append('trade-1', [event()], 'stream_exists');
  await store.append('misc', [event({ name: 'Zoë', list: [1, { b: 2, a: 1 }] })], 'any');
}

const recordOf = (esdb: FakeEsdb, streamId: string, revision: bigint): FakeRecord => {
  const record = esdb.log.find((r) => r.streamId === `n-${streamId}` && r.revision === revision);
  if (record === undefined) throw new Error(`no ${streamId}@${revision}`);
  return record;
};

describe('EventStoreDB chain against a fake server', () => {
  test('every append path chains its stream; reads never show the hash or the seals', async () => {
    const { esdb, store, chain, seal } = setup();
    await ledger(store);
    const replay = event();
    await store.append('misc', [replay], 0);
    await store.append('misc', [replay], 0); // a replay, answered as one
    await store.append('misc', [replay], 'any'); // a loose replay too
    expect(await verifyChain(chain)).toMatchObject({
      ok: true,
      eventsVerified: 8,
      scope: 'stream',
    });
    const stored = recordOf(esdb, 'agreements', 2n).metadata as Record<string, unknown>;
    expect(stored['chainHash']).toMatch(/^[0-9a-f]{64}$/);

    const sealed = await seal();
    expect(sealed).toMatchObject({ sequence: 0, events: 8, upTo: await store.headPosition() });
    const events = await collect(store.readAll());
    expect(events).toHaveLength(8);
    expect(events.every((e) => !('chainHash' in e.metadata))).toBe(true);
    expect(events.map((e) => e.streamId)).not.toContain('ledger-seals');
    await expect(store.append('ledger-seals', [event()], 'any')).rejects.toThrow(TypeError);
    await expect(
      store.append('x', [{ ...event(), metadata: { schemaVersion: 1, chainHash: 'mine' } }], 'any'),
    ).rejects.toThrow(/chainHash/);
    await expect(store.append('nothing', [event()], 'stream_exists')).rejects.toThrow(
      WrongExpectedRevisionError,
    );
  });

  test('a payload that is not JSON fails appendMany before anything is written', async () => {
    const { esdb, store } = setup();
    await expect(
      store.appendMany([
        { streamId: 'a', events: [event()], expected: 'no_stream' },
        { streamId: 'b', events: [event({ amount: Number.NaN })], expected: 'no_stream' },
      ]),
    ).rejects.toThrow(/not JSON/);
    expect(esdb.log).toHaveLength(0);
  });

  test('loose appends racing on one stream are chained one after the other', async () => {
    const { store, chain } = setup();
    await Promise.all(Array.from({ length: 6 }, () => store.append('hot', [event()], 'any')));
    expect((await collect(store.readStream('hot'))).map((e) => e.revision)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect(await verifyChain(chain)).toMatchObject({ ok: true, eventsVerified: 6 });
  });

  test('an edited event fails at its position', async () => {
    const { esdb, store, chain } = setup();
    await ledger(store);
    const edited = recordOf(esdb, 'agreements', 1n);
    edited.data = { n: 'forged' };
    expect((await verifyChain(chain)).problem).toMatchObject({
      kind: 'hash-mismatch',
      position: edited.position.commit,
      streamId: 'agreements',
      revision: 1,
    });
  });

  test("a stream's removed first events fail at the first event left", async () => {
    const { esdb, store, chain } = setup();
    await ledger(store);
    const first = recordOf(esdb, 'agreements', 0n);
    const second = recordOf(esdb, 'agreements', 1n);
    esdb.removeRecords((r) => r === first);
    expect((await verifyChain(chain)).problem).toMatchObject({
      kind: 'revision-gap',
      position: second.position.commit,
      streamId: 'agreements',
    });
  });

  test('a whole stream removed after a seal fails at the seal; before any seal it cannot be seen', async () => {
    const { esdb, store, chain, seal } = setup();
    await ledger(store);
    const sealed = await seal();
    await store.append('trade-3', [event()], 'no_stream');
    esdb.removeRecords((r) => r.streamId === 'n-trade-3');
    expect(await verifyChain(chain)).toMatchObject({ ok: true, unsealedEvents: 0 });
    esdb.removeRecords((r) => r.streamId === 'n-trade-2');
    const verification = await verifyChain(chain);
    expect(verification.problem).toMatchObject({ kind: 'seal-mismatch', position: sealed?.upTo });
    expect(verification.problem?.detail).toContain('it covers 7 events, 6 found');
  });

  test('events of two streams swapped in the global order fail at the seal', async () => {
    const { esdb, store, chain, seal } = setup();
    await ledger(store);
    await seal();
    const a = recordOf(esdb, 'trade-1', 0n);
    const b = recordOf(esdb, 'trade-2', 0n);
    [a.position, b.position] = [b.position, a.position];
    esdb.log.sort((x, y) => (x.position.commit < y.position.commit ? -1 : 1));
    expect((await verifyChain(chain)).problem).toMatchObject({ kind: 'seal-mismatch' });
  });

  test('a removed seal breaks the seals chain', async () => {
    const { esdb, store, chain, seal } = setup();
    await ledger(store);
    await seal();
    await store.append('trade-3', [event()], 'no_stream');
    const second = await seal();
    expect(await verifyChain(chain)).toMatchObject({ ok: true, sealsVerified: 2 });
    esdb.removeRecords((r) => r.streamId === 'n-ledger-seals' && r.revision === 0n);
    expect((await verifyChain(chain)).problem).toMatchObject({
      kind: 'seal-chain',
      position: second?.position,
    });
  });

  test('a periodic sealer seals while the store is open and stops on close', async () => {
    const esdb = new FakeEsdb();
    const store = createEsdbEventStoreFromClient(esdb.client, { sealIntervalMs: 20 });
    await store.append('trade-1', [event()], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await store.close();
    const seals = esdb.log.filter((r) => r.streamId === 'ledger-seals');
    expect(seals).toHaveLength(1); // later intervals found nothing new to seal
    expect(seals[0]?.data).toMatchObject({ events: 1 });
  });
});
