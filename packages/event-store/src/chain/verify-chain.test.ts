import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GENESIS_HASH, chainHash } from './chain-hash';
import type { ChainLink, EventChain } from './types';
import { verifyChain } from './verify-chain';

/** A global chain held in an array, as an SQL store would hold it: positions 1..n. */
function ledger(size: number): ChainLink[] {
  let previous = GENESIS_HASH;
  const revisions = new Map<string, number>();
  return Array.from({ length: size }, (_, index) => {
    const streamId = `s${index % 3}`;
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const content = {
      streamId,
      revision,
      type: 'T',
      data: { index },
      metadata: { schemaVersion: 1 },
    };
    previous = chainHash(previous, content);
    return { ...content, position: BigInt(index + 1), hash: previous };
  });
}

const arrayChain = (links: readonly ChainLink[]): EventChain => ({
  scope: 'global',
  async *links() {
    yield* links;
  },
});

type Tamper =
  | { kind: 'edit'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; hashed: boolean }
  | { kind: 'swap'; at: number; other: number };

/** Applies a tampering; returns the position verification must name. */
function tamper(links: ChainLink[], change: Tamper): bigint {
  const at = (i: number) => links[i] as ChainLink;
  switch (change.kind) {
    case 'edit':
      links[change.at] = { ...at(change.at), data: { index: 'forged' } };
      return at(change.at).position;
    case 'delete':
      links.splice(change.at, 1);
      return at(change.at).position; // the event after the gap
    case 'insert': {
      // Inserted after index at-1, at a position between its neighbours (a gap left for it).
      const before = links[change.at - 1];
      const content = {
        streamId: 'forged',
        revision: 0,
        type: 'T',
        data: {},
        metadata: { schemaVersion: 1 },
      };
      const hash = change.hashed ? chainHash(before?.hash ?? GENESIS_HASH, content) : GENESIS_HASH;
      const position = at(change.at).position;
      links.forEach((link, i) => {
        if (i >= change.at) links[i] = { ...link, position: link.position + 1n };
      });
      links.splice(change.at, 0, { ...content, position, hash });
      return change.hashed ? position + 1n : position;
    }
    case 'swap': {
      const [a, b] = [at(change.at), at(change.other)];
      links[change.at] = { ...b, position: a.position };
      links[change.other] = { ...a, position: b.position };
      return a.position;
    }
  }
}

describe('verifyChain', () => {
  it('names the first bad position for any edit, deletion, insertion or swap (property)', async () => {
    const seed = Number(process.env['CHAIN_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`[chain] verifyChain tampering property: seed ${seed} (replay with CHAIN_SEED)`);
    const change = (size: number): fc.Arbitrary<Tamper> =>
      fc.oneof(
        fc.record({ kind: fc.constant('edit' as const), at: fc.nat(size - 1) }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(size - 2) }),
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(size - 2),
          hashed: fc.boolean(),
        }),
        fc.tuple(fc.nat(size - 2), fc.nat(size - 2)).map(([a, b]) => ({
          kind: 'swap' as const,
          at: Math.min(a, b),
          other: Math.max(a, b) + 1,
        })),
      );
    const scenario = fc
      .integer({ min: 3, max: 40 })
      .chain((size) => fc.record({ size: fc.constant(size), change: change(size) }));
    await fc.assert(
      fc.asyncProperty(scenario, async ({ size, change: tampering }) => {
        const links = ledger(size);
        expect(await verifyChain(arrayChain(links))).toMatchObject({
          ok: true,
          eventsVerified: size,
        });
        const expected = tamper(links, tampering);
        const verification = await verifyChain(arrayChain(links));
        expect(verification.ok).toBe(false);
        expect(verification.problem?.position).toBe(expected);
        expect(verification.eventsVerified).toBe(
          links.findIndex((link) => link.position === expected),
        );
      }),
      { seed, numRuns: 300 },
    );
  });

  it('reports a link without a hash and one that cannot be read, at their positions', async () => {
    const links = ledger(4);
    const missing = [...links];
    missing[2] = { ...(links[2] as ChainLink), hash: null };
    expect((await verifyChain(arrayChain(missing))).problem).toMatchObject({
      kind: 'missing-hash',
      position: 3n,
    });
    const unreadable = [...links];
    unreadable[1] = {
      ...(links[1] as ChainLink),
      data: undefined,
      unreadable: 'data is not valid JSON',
    };
    expect((await verifyChain(arrayChain(unreadable))).problem).toMatchObject({
      kind: 'unreadable',
      position: 2n,
      detail: 'cannot be read: data is not valid JSON',
    });
  });

  it('reports progress and checks every anchor, also one beyond the head', async () => {
    const links = ledger(25);
    const seen: number[] = [];
    const last = links[24] as ChainLink;
    const ok = await verifyChain(arrayChain(links), {
      progressEvery: 10,
      onProgress: (n) => seen.push(n),
      anchors: [
        { position: 5n, hash: (links[4] as ChainLink).hash ?? '' },
        { position: last.position, hash: last.hash ?? '' },
      ],
    });
    expect(ok).toMatchObject({ ok: true, head: { position: 25n, hash: last.hash } });
    expect(seen).toEqual([10, 20]);
    const beyond = await verifyChain(arrayChain(links), {
      anchors: [{ position: 26n, hash: GENESIS_HASH }],
    });
    expect(beyond.problem).toMatchObject({ kind: 'anchor-mismatch', position: 26n });
  });
});
