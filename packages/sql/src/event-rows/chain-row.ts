import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { type ChainLink, describeDecodeFailure } from '@rebate/event-store';
import { BigIntFromDb, SafeIntegerFromDb } from '../db-codecs';

/** The row both SQL adapters select for the chain: payloads as stored JSON text. */
export const ChainRow = t.type({
  position: BigIntFromDb,
  stream_id: t.string,
  revision: SafeIntegerFromDb,
  type: t.string,
  data: t.string,
  metadata: t.string,
  chain_hash: t.union([t.string, t.null]),
});

/** The SQL column list `ChainRow` decodes (each adapter casts where it needs to). */
export const CHAIN_COLUMNS = 'position, stream_id, revision, type, data, metadata, chain_hash';

/**
 * One selected row as a chain link. A payload that is not JSON becomes an `unreadable` link (the
 * verifier reports its position), never an exception that would hide where the damage is.
 */
export function decodeChainRow(raw: unknown): ChainLink {
  const decoded = ChainRow.decode(raw);
  if (isLeft(decoded)) {
    throw new TypeError(`unexpected chain row: ${describeDecodeFailure(ChainRow, raw)}`);
  }
  const row = decoded.right;
  const link = {
    position: row.position,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    hash: row.chain_hash,
  };
  try {
    const data = JSON.parse(row.data) as unknown;
    try {
      return { ...link, data, metadata: JSON.parse(row.metadata) as unknown };
    } catch {
      return { ...link, data, metadata: undefined, unreadable: 'metadata is not valid JSON' };
    }
  } catch {
    return { ...link, data: undefined, metadata: undefined, unreadable: 'data is not valid JSON' };
  }
}
