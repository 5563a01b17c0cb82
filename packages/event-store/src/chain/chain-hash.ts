import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';
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
  // One-shot hash (strings are hashed as UTF-8): several times cheaper than createHash per event.
  return hash('sha256', chainInput(previous, content), 'hex');
}

/**
 * Hashes consecutive rows of one chain, each following the one before, the first following
 * `previous`. The rows' data and metadata are canonical JSON text (`toNewEventRow` makes them
 * so), which is spliced into the hash input as is: the same bytes as `chainInput` of the parsed
 * values, without parsing and serialising every event again in the append path.
 */
export function chainRows(
  previous: string,
  rows: readonly {
    readonly streamId: StreamId;
    readonly revision: number;
    readonly type: string;
    /** Canonical JSON text. */
    readonly data: string;
    /** Canonical JSON text. */
    readonly metadata: string;
  }[],
): string[] {
  const tag = JSON.stringify(CHAIN_ENCODING);
  let last = previous;
  return rows.map((row) => {
    const input =
      `[${tag},${JSON.stringify(last)},${JSON.stringify(row.streamId)},${row.revision},` +
      `${JSON.stringify(row.type)},${row.data},${row.metadata}]`;
    last = hash('sha256', input, 'hex');
    return last;
  });
}
