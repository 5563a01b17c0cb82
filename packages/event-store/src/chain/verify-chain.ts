import { GENESIS_HASH, chainHash, isChainHash } from './chain-hash';
import { SealDigest } from './seal-digest';
import type { ChainLink, ChainScope, ChainSeal, EventChain } from './types';

export type ChainProblemKind =
  /** The stored payload is not JSON: it cannot even be hashed. */
  | 'unreadable'
  /** The event has no chain hash, or not a well-formed one. */
  | 'missing-hash'
  /** The stored hash is not the hash of this content chained to the event before it. */
  | 'hash-mismatch'
  /** Per-stream chains: the stream's revisions do not follow each other. */
  | 'revision-gap'
  /** A seal's hash differs from the digest of the events it covers. */
  | 'seal-mismatch'
  /** The seals themselves do not chain (a seal deleted, edited or moved). */
  | 'seal-chain'
  /** A hash recorded earlier (an anchor) differs from the stored one, or its event is gone. */
  | 'anchor-mismatch';

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The first bad position: the event (or seal) where verification stopped. */
  readonly position: bigint;
  readonly streamId?: string;
  readonly revision?: number;
  /** What is wrong, for a finance reader. */
  readonly detail: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly scope: ChainScope;
  /** Events whose hash verified (all of them when ok; those before the problem otherwise). */
  readonly eventsVerified: number;
  readonly sealsVerified: number;
  /** Per-stream chains: events after the last seal, which only their stream vouches for. */
  readonly unsealedEvents: number;
  /** The last verified event: record it, and pass it as an anchor to a later verification. */
  readonly head?: ChainAnchor;
  readonly problem?: ChainProblem;
}

/** A chain hash recorded outside the store (a past audit report), checked again. */
export interface ChainAnchor {
  readonly position: bigint;
  readonly hash: string;
}

export interface VerifyChainOptions {
  readonly anchors?: readonly ChainAnchor[];
  /** Called every `progressEvery` events (default 10,000) with the count verified so far. */
  readonly onProgress?: (eventsVerified: number) => void;
  readonly progressEvery?: number;
}

class ChainBroken extends Error {
  constructor(readonly problem: ChainProblem) {
    super(problem.detail);
  }
}

const broken = (problem: ChainProblem): never => {
  throw new ChainBroken(problem);
};

/**
 * Verifies the whole chain from the first event: recomputes every hash from the stored content
 * and the previous link, checks every seal and anchor, and stops at the first bad position.
 * An edit shows at the edited event; a deletion, insertion or move at the first event that no
 * longer follows the one it was chained to.
 */
export async function verifyChain(
  chain: EventChain,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const seals: ChainSeal[] = [];
  if (chain.seals) for await (const seal of chain.seals()) seals.push(seal);
  const state = new Verifier(chain.scope, seals, options);
  try {
    checkSealChain(seals);
    for await (const link of chain.links()) state.verify(link);
    state.finish();
    return state.result();
  } catch (error) {
    if (!(error instanceof ChainBroken)) throw error;
    return state.result(error.problem);
  }
}

function checkSealChain(seals: readonly ChainSeal[]): void {
  let previous: ChainSeal | undefined;
  for (const seal of seals) {
    const expectedSequence = previous === undefined ? 0 : previous.sequence + 1;
    const expectedPrevious = previous?.hash ?? GENESIS_HASH;
    if (
      seal.sequence !== expectedSequence ||
      seal.previous !== expectedPrevious ||
      (previous !== undefined && seal.upTo <= previous.upTo)
    ) {
      broken({
        kind: 'seal-chain',
        position: seal.position,
        detail:
          `seal #${seal.sequence} does not follow seal #${previous?.sequence ?? 'none'}: ` +
          'a seal was deleted, inserted, edited or moved',
      });
    }
    previous = seal;
  }
}

class Verifier {
  private previous = GENESIS_HASH;
  private previousPosition: bigint | undefined;
  private readonly streams = new Map<string, { revision: number; hash: string }>();
  private readonly anchors: ChainAnchor[];
  private sealIndex = 0;
  private digest: SealDigest | undefined;
  private events = 0;
  private eventsSealed = 0;
  private head: ChainAnchor | undefined;
  private readonly progressEvery: number;

  constructor(
    private readonly scope: ChainScope,
    private readonly sealList: readonly ChainSeal[],
    private readonly options: VerifyChainOptions,
  ) {
    this.anchors = [...(options.anchors ?? [])].sort((a, b) =>
      a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
    );
    this.progressEvery = options.progressEvery ?? 10_000;
    this.openSeal();
  }

  verify(link: ChainLink): void {
    this.closeSealsBefore(link.position);
    this.checkAnchorsBefore(link.position);
    const where = { position: link.position, streamId: link.streamId, revision: link.revision };
    if (link.unreadable !== undefined) {
      broken({ ...where, kind: 'unreadable', detail: `cannot be read: ${link.unreadable}` });
    }
    const stored = isChainHash(link.hash)
      ? link.hash
      : broken({
          ...where,
          kind: 'missing-hash',
          detail: 'has no chain hash: it was not written by the store (inserted afterwards?)',
        });
    const previous = this.previousFor(link);
    if (chainHash(previous, link) !== stored) {
      broken({ ...where, kind: 'hash-mismatch', detail: this.mismatchDetail() });
    }
    this.checkAnchorAt(link.position, stored);
    this.advance(link, stored);
  }

  finish(): void {
    this.closeSealsBefore(undefined);
    this.checkAnchorsBefore(undefined);
  }

  result(problem?: ChainProblem): ChainVerification {
    return {
      ok: problem === undefined,
      scope: this.scope,
      eventsVerified: this.events,
      sealsVerified: this.sealIndex,
      // One global chain needs no seals: nothing is left unsealed.
      unsealedEvents: this.scope === 'global' ? 0 : this.events - this.eventsSealed,
      ...(this.head === undefined ? {} : { head: this.head }),
      ...(problem === undefined ? {} : { problem }),
    };
  }

  private previousFor(link: ChainLink): string {
    if (this.scope === 'global') return this.previous;
    if (link.revision === 0) return GENESIS_HASH;
    const before = this.streams.get(link.streamId);
    if (before?.revision !== link.revision - 1) {
      broken({
        kind: 'revision-gap',
        position: link.position,
        streamId: link.streamId,
        revision: link.revision,
        detail:
          before === undefined
            ? `stream ${link.streamId} starts at revision ${link.revision}: its earlier events are missing`
            : `follows revision ${before.revision} of its stream: events are missing or moved`,
      });
    }
    return before?.hash ?? GENESIS_HASH;
  }

  private mismatchDetail(): string {
    const changed = 'its stream, revision, type, data or metadata was changed, or its hash';
    if (this.scope === 'stream') {
      return `chain hash does not match: ${changed}, or the stream's previous event was replaced`;
    }
    const before =
      this.previousPosition === undefined
        ? 'it is not the first event it was written as'
        : `the event before it (position ${this.previousPosition.toString()}) is not the one it followed when written`;
    return (
      `chain hash does not match: ${changed}; or ${before}: ` +
      'an event was deleted, inserted or moved just before it'
    );
  }

  private advance(link: ChainLink, hash: string): void {
    this.previous = hash;
    this.previousPosition = link.position;
    if (this.scope === 'stream') {
      this.streams.set(link.streamId, { revision: link.revision, hash });
    }
    this.digest?.add(hash);
    this.events += 1;
    this.head = { position: link.position, hash };
    if (this.options.onProgress && this.events % this.progressEvery === 0) {
      this.options.onProgress(this.events);
    }
  }

  private openSeal(): void {
    const seal = this.sealList[this.sealIndex];
    const previous = this.sealList[this.sealIndex - 1];
    this.digest =
      seal === undefined ? undefined : new SealDigest(previous?.hash ?? GENESIS_HASH, seal.upTo);
  }

  /** Checks every seal covering only positions before `position` (all, when undefined). */
  private closeSealsBefore(position: bigint | undefined): void {
    for (;;) {
      const seal = this.sealList[this.sealIndex];
      const digest = this.digest;
      if (seal === undefined || digest === undefined) return;
      if (position !== undefined && position <= seal.upTo) return;
      const found = digest.events;
      if (digest.finish() !== seal.hash) {
        const from = this.sealList[this.sealIndex - 1]?.upTo;
        broken({
          kind: 'seal-mismatch',
          position: seal.upTo,
          detail:
            `the events ${from === undefined ? 'from the first' : `after position ${from.toString()}`} ` +
            `up to position ${seal.upTo.toString()} do not match seal #${seal.sequence} ` +
            `(stored at position ${seal.position.toString()}; it covers ${seal.events} events, ` +
            `${found} found): an event or a whole stream in that range was deleted, inserted or changed`,
        });
      }
      this.eventsSealed = this.events;
      this.sealIndex += 1;
      this.openSeal();
    }
  }

  private checkAnchorsBefore(position: bigint | undefined): void {
    for (;;) {
      const anchor = this.anchors[0];
      if (anchor === undefined) return;
      if (position !== undefined && anchor.position >= position) return;
      broken({
        kind: 'anchor-mismatch',
        position: anchor.position,
        detail: `the recorded event at position ${anchor.position.toString()} is gone (deleted)`,
      });
    }
  }

  private checkAnchorAt(position: bigint, hash: string): void {
    const anchor = this.anchors[0];
    if (anchor === undefined || anchor.position !== position) return;
    if (anchor.hash !== hash) {
      broken({
        kind: 'anchor-mismatch',
        position,
        detail:
          `chain hash ${hash} differs from the recorded ${anchor.hash}: ` +
          'the history up to here was rewritten since it was recorded',
      });
    }
    this.anchors.shift();
  }
}
