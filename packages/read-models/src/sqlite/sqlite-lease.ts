import type { Database } from 'better-sqlite3';
import * as t from 'io-ts';
import { decodeOrThrow } from '@rebate/event-store';
import { SafeIntegerFromDb } from '@rebate/sql';
import type { ProcessorClaim } from '../storage/port';

const LeaseRow = t.type({ owner: t.string, expires_at: SafeIntegerFromDb });

export interface LeaseOptions {
  readonly owner: string;
  /** How long a lease lasts without renewal; its holder renews it three times per period. */
  readonly leaseMs: number;
}

/** Runs synchronous work in a write transaction, in the connection's turn. */
type Run = <T>(work: () => T) => Promise<T>;

/**
 * One processor per projection across processes sharing the file: a lease row, taken when
 * absent or expired, renewed while held. A holder that stops renewing (crashed, frozen) loses
 * it after `leaseMs`; the checkpoint compare-and-set still stops a late writer from committing.
 */
export const claimSqliteLease = async (
  db: Database,
  inWriteTransaction: Run,
  projection: string,
  options: LeaseOptions,
): Promise<ProcessorClaim | undefined> => {
  const { owner, leaseMs } = options;
  const taken = await inWriteTransaction(() => {
    const now = Date.now();
    const raw = db
      .prepare('SELECT owner, expires_at FROM projection_leases WHERE projection = ?')
      .get(projection);
    const current = raw === undefined ? undefined : decodeOrThrow(LeaseRow, raw, 'lease row');
    if (current && current.owner !== owner && current.expires_at > now) return false;
    db.prepare(
      `INSERT INTO projection_leases (projection, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
    ).run(projection, owner, now + leaseMs);
    return true;
  });
  if (!taken) return undefined;

  const lost = new AbortController();
  const renew = () =>
    inWriteTransaction(() => {
      if (lost.signal.aborted || !db.open) return;
      const { changes } = db
        .prepare('UPDATE projection_leases SET expires_at = ? WHERE projection = ? AND owner = ?')
        .run(Date.now() + leaseMs, projection, owner);
      if (changes === 0) lost.abort(new Error(`lease of projection ${projection} was lost`));
    });
  const timer = setInterval(
    () => {
      renew().catch((error: unknown) => lost.abort(error));
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  timer.unref();

  return {
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      if (lost.signal.aborted) return;
      lost.abort(new Error('released'));
      // A lease that cannot be deleted (database closed) simply expires.
      await inWriteTransaction(() =>
        db
          .prepare('DELETE FROM projection_leases WHERE projection = ? AND owner = ?')
          .run(projection, owner),
      ).catch(() => undefined);
    },
  };
};
