import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import type { RouteReply } from '../routes/route';
import type { KeyRecord, LineRejection } from './idempotency-store';

/** A row of `idempotency_keys` as either database returns it (counts may come as text). */
export interface StoredKeyRow {
  readonly request_hash: string;
  readonly scan_from: string | null;
  readonly through_line: number | string;
  readonly accepted: number | string;
  readonly duplicates: number | string;
  readonly position: string | null;
  readonly reply: string | null;
}

const StoredReply = t.intersection([
  t.type({ status: t.number, body: t.unknown }),
  t.partial({ contentType: t.string, headers: t.record(t.string, t.string) }),
]);

/** A stored answer is our own JSON, but read back through a codec like every boundary. */
const replyOf = (text: string | null): RouteReply | undefined => {
  if (text === null) return undefined;
  const decoded = StoredReply.decode(JSON.parse(text));
  if (isLeft(decoded)) throw new Error('a stored idempotent answer is not readable');
  return decoded.right;
};

export const parseStored = (row: StoredKeyRow, rejected: readonly LineRejection[]): KeyRecord => ({
  requestHash: row.request_hash,
  scanFrom: row.scan_from === null ? undefined : BigInt(row.scan_from),
  reply: replyOf(row.reply),
  progress: {
    throughLine: Number(row.through_line),
    accepted: Number(row.accepted),
    duplicates: Number(row.duplicates),
    position: row.position,
  },
  rejected: rejected.map((r) => ({ line: Number(r.line), code: r.code, reason: r.reason })),
});
