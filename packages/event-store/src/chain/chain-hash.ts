import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { StreamId } from '../port';

/** The hash a chain starts from: what the first event (of the store, or of a stream) follows. */
export const GENESIS_HASH = '0'.repeat(64);

/** Tag of the byte encoding below; a new encoding gets a new tag, never a changed meaning. */
export const CHAIN_ENCODING = 'rebate-chain-v1';

const HASH = /^[0-9a-f]{64}$/;

export const isChainHash = (value: unknown): value is string =>
  typeof value === 'string' && HASH.test(value);

/** What an event's chain hash covers besides the previous hash. */
export interface ChainContent {
  readonly streamId: StreamId;
  readonly revision: number;
  readonly type: string;
  /** JSON values as stored and read back (parse the stored text, never hash the text itself). */
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * The exact bytes hashed: the UTF-8 of the RFC 8785 (JCS) canonical JSON of
 * `["rebate-chain-v1", previous, streamId, revision, type, data, metadata]`: object keys sorted
 * by UTF-16 code units at every depth, no whitespace, numbers and strings as ECMAScript
 * JSON.stringify writes them. Canonical, so jsonb's reordering of keys changes nothing.
 */
export function chainInput(previous: string, content: ChainContent): string {
  const { streamId, revision, type, data, metadata } = content;
  const text = canonicalize([CHAIN_ENCODING, previous, streamId, revision, type, data, metadata]);
  if (text === undefined) throw new TypeError(`event ${streamId}@${revision} is not JSON`);
  return text;
}

/** SHA-256 (lower-case hex) of `chainInput`: the event's chain hash. */
export function chainHash(previous: string, content: ChainContent): string {
  return createHash('sha256').update(chainInput(previous, content), 'utf8').digest('hex');
}

/**
 * Hashes consecutive rows of one chain, each following the one before, the first following
 * `previous`. Rows hold JSON text (as an adapter inserts it); it is parsed so the hash covers
 * exactly what a later read parses back.
 */
export function chainRows(
  previous: string,
  rows: readonly {
    readonly streamId: StreamId;
    readonly revision: number;
    readonly type: string;
    readonly data: string;
    readonly metadata: string;
  }[],
): string[] {
  let last = previous;
  return rows.map((row) => {
    last = chainHash(last, {
      streamId: row.streamId,
      revision: row.revision,
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as unknown,
    });
    return last;
  });
}
