import { Client } from 'pg';
import type { ProcessorClaim } from '../storage/port';
import { LOCK_CLASSES, lockKey } from '@rebate/sql';

/**
 * One processor per projection: a session advisory lock held on a connection of its own for as
 * long as the processor runs. If the process dies, PostgreSQL drops the connection and the lock
 * with it, so a standby takes over at once; the checkpoint compare-and-set still stops a writer
 * that lost its lock without noticing from committing.
 */
export const claimAdvisoryLock = async (
  connectionString: string,
  schema: string,
  projection: string,
): Promise<ProcessorClaim | undefined> => {
  const client = new Client({ connectionString });
  const lost = new AbortController();
  client.on('error', (error) => lost.abort(error));
  client.on('end', () => lost.abort(new Error(`lock connection of ${projection} closed`)));
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS locked',
      [LOCK_CLASSES.readModelProcessor, lockKey(`${schema}.${projection}`)],
    );
    if (rows[0]?.locked !== true) {
      await client.end();
      return undefined;
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    lost: lost.signal,
    // Ending the session releases the lock.
    release: () => client.end().catch(() => undefined),
  };
};
