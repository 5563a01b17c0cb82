import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, chainHash } from '../../chain/chain-hash';
import type { ChainLink, EventChain } from '../../chain/types';
import { verifyChain } from '../../chain/verify-chain';
import type { EventStore } from '../../port';
import { startChildren } from '../child-store';
import type { ContractHarness } from '../harness';
import { collect, newEvent, newEvents, rejectionOf, useFreshStore } from '../fixtures';

export function chainOf(store: EventStore): EventChain {
  if (store.chain === undefined) throw new Error('the store under test exposes no chain');
  return store.chain;
}

/** What a hash covers, as the store gives it back through its normal reads. */
const contentOf = (link: ChainLink) => ({
  streamId: link.streamId,
  revision: link.revision,
  type: link.type,
  data: link.data,
});

export function describeChain(harness: ContractHarness): void {
  describe('tamper-evident chain', () => {
    const current = useFreshStore(harness);

    it('an empty store verifies with nothing to verify', async () => {
      const verification = await verifyChain(chainOf(current().store));
      expect(verification).toMatchObject({ ok: true, eventsVerified: 0, sealsVerified: 0 });
      expect(verification.head).toBeUndefined();
    });

    it('chains every event appended, whatever the path, and the chain verifies from the first', async () => {
      const { store } = current();
      await store.append(
        'a',
        [newEvent('Opened', { amount: '1.50', nested: { z: 1, a: [2] } })],
        'no_stream',
      );
      await store.appendMany([
        { streamId: 'a', events: newEvents(2), expected: 0 },
        { streamId: 'b', events: newEvents(3), expected: 'no_stream' },
        { streamId: 'c', events: [newEvent('Unicode', { name: 'Zoë €ł 漢字' })], expected: 'any' },
      ]);
      const replayed = newEvents(2);
      await store.append('d', replayed, 'no_stream');
      await store.append('d', replayed, 'no_stream'); // a replay: a no-op, nothing chained twice
      await rejectionOf(store.append('a', newEvents(1), 0)); // a rejected append leaves no link
      await store.append('a', newEvents(1), 'stream_exists');

      const chain = chainOf(store);
      const links = await collect(chain.links());
      const events = await collect(store.readAll());
      expect(links.map(contentOf)).toEqual(
        events.map(({ streamId, revision, type, data }) => ({ streamId, revision, type, data })),
      );
      expect(links.map((l) => l.position)).toEqual(events.map((e) => e.position));
      const [first] = links;
      if (first === undefined) throw new Error('no links');
      expect(first.hash).toBe(chainHash(GENESIS_HASH, first));

      const verification = await verifyChain(chain);
      expect(verification).toMatchObject({ ok: true, eventsVerified: events.length });
      expect(verification.head).toEqual({
        position: await store.headPosition(),
        hash: links[links.length - 1]?.hash,
      });
    });

    it('writers in several processes still leave one verifiable chain', async () => {
      const target = current();
      const children = await startChildren(harness, target, 3);
      try {
        const outcomes = await Promise.all([
          ...children.map((child, index) =>
            child.appendSequence(
              Array.from({ length: 10 }, (_, n) => [
                {
                  streamId: `child-${index}-${n}`,
                  events: newEvents(3),
                  expected: 'no_stream' as const,
                },
              ]),
              () => undefined,
            ),
          ),
          (async () => {
            for (let n = 0; n < 10; n += 1) {
              await target.store.append(`parent-${n}`, newEvents(2), 'no_stream');
            }
            return { ok: true as const, value: 10 };
          })(),
        ]);
        expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      } finally {
        await Promise.all(children.map((child) => child.close()));
      }
      const verification = await verifyChain(chainOf(target.store));
      expect(verification).toMatchObject({ ok: true, eventsVerified: 3 * 10 * 3 + 10 * 2 });
    });

    it('names the position of a corrupted event', async () => {
      const target = current();
      await target.store.append('s', newEvents(4), 'no_stream');
      const events = await collect(target.store.readAll());
      const bad = events[2];
      if (bad === undefined) throw new Error('setup');
      await target.corruptEvent(bad.position);
      const verification = await verifyChain(chainOf(target.store));
      expect(verification.ok).toBe(false);
      expect(verification.problem).toMatchObject({
        position: bad.position,
        streamId: 's',
        revision: 2,
      });
      expect(verification.eventsVerified).toBe(2);
    });

    it('checks anchors: hashes recorded by an earlier verification', async () => {
      const { store } = current();
      await store.append('s', newEvents(3), 'no_stream');
      const earlier = await verifyChain(chainOf(store));
      await store.append('s', newEvents(2), 2);
      const anchors = earlier.head === undefined ? [] : [earlier.head];
      expect(await verifyChain(chainOf(store), { anchors })).toMatchObject({ ok: true });
      const forged = anchors.map((anchor) => ({ ...anchor, hash: GENESIS_HASH }));
      const verification = await verifyChain(chainOf(store), { anchors: forged });
      expect(verification.problem).toMatchObject({
        kind: 'anchor-mismatch',
        position: earlier.head?.position,
      });
    });

    it('seals, where the store chains per stream, cover every event up to the head', async () => {
      const { store } = current();
      const chain = chainOf(store);
      if (chain.scope === 'global') {
        expect(chain.seal).toBeUndefined(); // the one chain already binds the global order
        return;
      }
      if (chain.seal === undefined) throw new Error('a per-stream chain must be sealable');
      await store.append('a', newEvents(2), 'no_stream');
      await store.append('b', newEvents(1), 'no_stream');
      const seal = await chain.seal();
      expect(seal).toMatchObject({ sequence: 0, events: 3, upTo: await store.headPosition() });
      expect(await chain.seal()).toBeUndefined(); // nothing new to seal
      await store.append('a', newEvents(1), 1);
      expect(await verifyChain(chain)).toMatchObject({
        ok: true,
        eventsVerified: 4,
        sealsVerified: 1,
        unsealedEvents: 1,
      });
      expect(await chain.seal()).toMatchObject({ sequence: 1, events: 1, previous: seal?.hash });
      expect(await verifyChain(chain)).toMatchObject({
        ok: true,
        sealsVerified: 2,
        unsealedEvents: 0,
      });
      // Seals are not events of the ledger.
      expect(await collect(store.readAll())).toHaveLength(4);
    });
  });
}
