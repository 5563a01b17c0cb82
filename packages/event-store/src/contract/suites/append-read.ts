import { describe, expect, it } from '@jest/globals';
import { readStreams } from '../../support/read-streams';
import type { ContractHarness } from '../harness';
import {
  collect,
  expectStrictlyIncreasing,
  idsOf,
  newEvent,
  newEvents,
  positionsOf,
  rejectionOf,
  revisionsOf,
  useFreshStore,
} from '../fixtures';

export function describeAppendAndRead(harness: ContractHarness): void {
  describe('append and readStream', () => {
    const current = useFreshStore(harness);

    it('numbers revisions from 0 and returns the last revision and position', async () => {
      const { store } = current();
      const first = newEvents(3);
      const result = await store.append('account-1', first, 'no_stream');
      const stored = await collect(store.readStream('account-1'));
      expect(revisionsOf(stored)).toEqual([0, 1, 2]);
      expect(idsOf(stored)).toEqual(idsOf(first));
      expectStrictlyIncreasing(positionsOf(stored));
      expect(result).toEqual({ nextRevision: 2, position: stored[2]?.position });

      const next = await store.append('account-1', newEvents(2), 2);
      expect(next.nextRevision).toBe(4);
      expect(next.position > result.position).toBe(true);
    });

    it('reads forwards and backwards from a revision, up to maxCount', async () => {
      const { store } = current();
      await store.append('s', newEvents(10), 'no_stream');
      const read = async (options: Parameters<typeof store.readStream>[1]) =>
        revisionsOf(await collect(store.readStream('s', options)));

      expect(await read({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await read({ fromRevision: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
      expect(await read({ fromRevision: 8 })).toEqual([8, 9]);
      expect(await read({ fromRevision: 10 })).toEqual([]);
      expect(await read({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await read({ direction: 'backwards', fromRevision: 6, maxCount: 3 })).toEqual([
        6, 5, 4,
      ]);
      expect(await read({ direction: 'backwards', maxCount: 1 })).toEqual([9]);
    });

    it('reads a stream that does not exist as empty, in both directions', async () => {
      const { store } = current();
      await store.append('exists', newEvents(1), 'no_stream');
      expect(await collect(store.readStream('missing'))).toEqual([]);
      expect(await collect(store.readStream('missing', { direction: 'backwards' }))).toEqual([]);
    });

    it('reads many streams at once: each in revision order, missing ones empty', async () => {
      const { store } = current();
      const a = newEvents(3);
      const b = newEvents(2);
      await store.append('a', a.slice(0, 2), 'no_stream');
      await store.append('b', b, 'no_stream');
      await store.append('a', a.slice(2), 1);
      const streams = await readStreams(store, ['b', 'missing', 'a']);
      expect([...streams.keys()].sort()).toEqual(['a', 'b', 'missing']);
      expect(idsOf(streams.get('a') ?? [])).toEqual(idsOf(a));
      expect(revisionsOf(streams.get('a') ?? [])).toEqual([0, 1, 2]);
      expect(idsOf(streams.get('b') ?? [])).toEqual(idsOf(b));
      expect(streams.get('missing')).toEqual([]);
    });

    it('round-trips type, data and metadata, and sets recordedAt itself', async () => {
      const { store } = current();
      const data = { amount: '1234.5678', lots: ['0.1', '2'], note: 'ünïcødé ✓', none: null };
      const metadata = { correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 3 };
      const event = newEvent('RebateAccrued', data, { ...metadata, tenant: 'ib-7' });
      const before = Date.now();
      await store.append('rebate-1', [event], 'no_stream');
      const after = Date.now();

      const [stored] = await collect(store.readStream('rebate-1'));
      expect(stored).toMatchObject({ streamId: 'rebate-1', revision: 0, type: 'RebateAccrued' });
      expect(stored?.eventId).toBe(event.eventId);
      expect(stored?.data).toEqual(data);
      expect(stored?.metadata).toEqual({ ...metadata, tenant: 'ib-7' });
      expect(stored?.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      const recordedAt = Date.parse(stored?.recordedAt ?? '');
      const clockSkewMs = 5000;
      expect(recordedAt).toBeGreaterThanOrEqual(before - clockSkewMs);
      expect(recordedAt).toBeLessThanOrEqual(after + clockSkewMs);
    });

    it('keeps streams apart: each has its own revisions', async () => {
      const { store } = current();
      const a = [newEvent('A'), newEvent('A')];
      const b = [newEvent('B')];
      await store.append('a', a.slice(0, 1), 'no_stream');
      await store.append('b', b, 'no_stream');
      await store.append('a', a.slice(1), 0);
      const streamA = await collect(store.readStream('a'));
      const streamB = await collect(store.readStream('b'));
      expect(streamA.map((e) => [e.streamId, e.revision, e.eventId])).toEqual([
        ['a', 0, a[0]?.eventId],
        ['a', 1, a[1]?.eventId],
      ]);
      expect(streamB.map((e) => [e.streamId, e.revision, e.eventId])).toEqual([
        ['b', 0, b[0]?.eventId],
      ]);
    });

    it('rejects an empty append and a non-UUID event id, storing nothing', async () => {
      const { store } = current();
      expect(await rejectionOf(store.append('s', [], 'any'))).toBeInstanceOf(RangeError);
      const badId = { ...newEvent(), eventId: 'not-a-uuid' };
      expect(await rejectionOf(store.append('s', [badId], 'any'))).toBeInstanceOf(TypeError);
      expect(await store.headPosition()).toBeUndefined();
    });
  });
}
