import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one pooled client between `begin` and COMMIT; ROLLBACK on error. A client whose
 * rollback fails is broken, so it is destroyed instead of returned to the pool. `begin` may set
 * the isolation level or local settings (`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`).
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no pool listener: a terminated connection (pg_terminate_backend,
  // a restart) emits 'error', which would be uncaught and end the process. The query in flight
  // rejects with the same error, and the client is destroyed on release, so the pool reconnects.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
