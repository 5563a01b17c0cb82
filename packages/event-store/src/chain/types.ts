import type { StreamId } from '../port';

/**
 * Tamper evidence (see docs/architecture.md, "Tamper evidence"). Every stored event carries a
 * SHA-256 chain hash over the previous link's hash and its own stream, revision, type, data and
 * metadata. Which link is "previous" depends on the store:
 * - `'global'`: one chain over all events in position order (PostgreSQL, SQLite: appends are
 *   serialised, so position order is commit order);
 * - `'stream'`: one chain per stream (EventStoreDB: appends to different streams are not
 *   serialised), with seals binding every stream into the global order up to a position.
 */
export type ChainScope = 'global' | 'stream';

/** One stored event as the chain sees it: payloads parsed from what is stored. */
export interface ChainLink {
  readonly position: bigint;
  readonly streamId: StreamId;
  readonly revision: number;
  readonly type: string;
  /** Parsed JSON as stored (undefined when `unreadable`). */
  readonly data: unknown;
  /** Parsed JSON as stored, without the store's own chain fields (undefined when `unreadable`). */
  readonly metadata: unknown;
  /** The stored chain hash, or null when the row has none. */
  readonly hash: string | null;
  /** Why the stored payload could not be parsed, when it could not. */
  readonly unreadable?: string;
}

/** A seal: the digest of every chain hash in global order up to `upTo` (EventStoreDB). */
export interface ChainSeal {
  /** Where the seal itself is stored. */
  readonly position: bigint;
  /** Its number in the seals stream, from 0. */
  readonly sequence: number;
  /** Position of the last event it covers; the previous seal's `upTo` is exclusive. */
  readonly upTo: bigint;
  /** How many events it covers since the previous seal. */
  readonly events: number;
  /** The previous seal's hash (the genesis hash for the first). */
  readonly previous: string;
  readonly hash: string;
}

export interface ChainReadOptions {
  /** Exclusive position to read after. */
  readonly after?: bigint;
}

/** Per-adapter access to the stored hashes. */
export interface EventChain {
  readonly scope: ChainScope;
  /** Every event with its stored hash, in global position order (seals excluded). */
  links(options?: ChainReadOptions): AsyncIterable<ChainLink>;
  /** Every seal in order (only `'stream'` stores have them). */
  seals?(): AsyncIterable<ChainSeal>;
  /** Seals everything up to the current head; undefined when nothing new is there to seal. */
  seal?(): Promise<ChainSeal | undefined>;
}
