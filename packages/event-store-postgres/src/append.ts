import type { Pool } from 'pg';
import {
  type AppendResult,
  type StreamAppend,
  appendResults,
  chainRows,
  eventIdsOf,
  planAppends,
  planAppendsOptimistically,
  rowsToInsert,
  streamIdsOf,
  streamRevisionUpdates,
} from '@rebate/event-store';
import {
  insertEvents,
  lockAppends,
  readRevisionsAndHead,
  readStoredEvents,
  updateStreamsAndNotify,
} from './append-queries';
import type { Sql } from './sql';
import { inTransaction } from '@rebate/sql';

/** Some ids of the call turned out to be stored: roll back and plan again with a lookup. */
class StoredIdsFound extends Error {}

/**
 * Appends in one transaction, all streams of the call together, in six round trips whatever
 * the number of events: begin, lock, read revisions and the chain's head hash, insert every
 * event with its chain hash (unnest of arrays), upsert stream revisions + NOTIFY, commit. Stored ids are looked up only when needed (see
 * `planAppendsOptimistically`), so a replay costs one more transaction, a first write nothing.
 *
 * Global order: ONE transaction-level advisory lock per schema serialises appending
 * transactions. Identity values are drawn before commit, so without it a transaction that
 * drew position 5 could commit after one that drew 6, and a reader polling `position > 4`
 * would see 6, move its checkpoint, and skip 5 forever. The lock is released only after the
 * commit is visible, so the next writer draws larger positions and commits later: positions
 * follow commit order. It also makes the revision check and the id lookup race-free without
 * row locks. Cost: writers are serialised (one commit, including its WAL flush, at a time),
 * which is fine because ingestion appends many events per transaction: an appendMany of
 * thousands of trades holds the lock once. The same lock makes the chain follow the global
 * order: no other append can slip in between reading the head hash and inserting after it.
 */
export async function appendInTransaction(
  pool: Pool,
  sql: Sql,
  schema: string,
  appends: readonly StreamAppend[],
): Promise<AppendResult[]> {
  try {
    return await attempt(pool, sql, schema, appends, false);
  } catch (error) {
    if (!(error instanceof StoredIdsFound)) throw error;
    return attempt(pool, sql, schema, appends, true);
  }
}

function attempt(
  pool: Pool,
  sql: Sql,
  schema: string,
  appends: readonly StreamAppend[],
  lookupFirst: boolean,
): Promise<AppendResult[]> {
  return inTransaction(pool, async (client) => {
    await lockAppends(client, schema);
    const { revisions, headHash } = await readRevisionsAndHead(client, sql, streamIdsOf(appends));
    const lookupStored = () => readStoredEvents(client, sql, eventIdsOf(appends));
    const plans = lookupFirst
      ? planAppends(appends, { revisions, storedById: await lookupStored() })
      : await planAppendsOptimistically(appends, revisions, lookupStored);
    const rows = rowsToInsert(plans);
    if (rows.length === 0) return appendResults(plans, []);
    // Rows take positions in this order (ORDER BY ord), so each follows the one before.
    const positions = await insertEvents(client, sql, rows, chainRows(headHash, rows));
    if (positions === undefined) throw new StoredIdsFound();
    const head = positions[positions.length - 1] ?? 0n;
    await updateStreamsAndNotify(client, sql, streamRevisionUpdates(plans), head);
    return appendResults(plans, positions);
  });
}
