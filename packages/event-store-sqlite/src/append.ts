import type { Database } from 'better-sqlite3';
import * as t from 'io-ts';
import {
  GENESIS_HASH,
  type AppendResult,
  type RecordedEvent,
  type StreamAppend,
  appendResults,
  chainRows,
  decodeOrThrow,
  eventIdsOf,
  planAppends,
  rowsToInsert,
  streamIdsOf,
  streamRevisionUpdates,
} from '@rebate/event-store';
import { StreamRevisionRow, decodeEventRow } from '@rebate/sql';
import type { Statements } from './statements';

const StreamRevisionRows = t.array(StreamRevisionRow);
const LastChainHashRow = t.union([
  t.undefined,
  t.type({ chain_hash: t.union([t.string, t.null]) }),
]);

/**
 * The append transaction: read the touched streams' revisions and any already stored ids,
 * decide with the shared planner, chain the new rows onto the last stored hash (in the order
 * they take positions), insert. BEGIN IMMEDIATE takes the write lock before the
 * reads, so no other process can append between the check and the insert; a thrown error
 * rolls everything back. `appends` must come from `normalizeAppends`.
 */
export function createAppendTransaction(
  db: Database,
  statements: Statements,
): (appends: readonly StreamAppend[]) => AppendResult[] {
  const transaction = db.transaction((appends: readonly StreamAppend[]): AppendResult[] => {
    const plans = planAppends(appends, {
      revisions: readRevisions(statements, streamIdsOf(appends)),
      storedById: readStoredEvents(statements, eventIdsOf(appends)),
    });
    const recordedAt = new Date().toISOString();
    const rows = rowsToInsert(plans);
    const hashes = rows.length === 0 ? [] : chainRows(lastChainHash(statements), rows);
    const positions = rows.map((row, index) =>
      BigInt(
        statements.insertEvent.run({ ...row, recordedAt, chainHash: hashes[index] })
          .lastInsertRowid,
      ),
    );
    for (const [streamId, revision] of streamRevisionUpdates(plans)) {
      statements.upsertStream.run(streamId, revision);
    }
    return appendResults(plans, positions);
  });
  return (appends) => transaction.immediate(appends);
}

function lastChainHash(statements: Statements): string {
  const row = decodeOrThrow(LastChainHashRow, statements.lastChainHash.get(), 'chain head row');
  return row?.chain_hash ?? GENESIS_HASH;
}

function readRevisions(statements: Statements, streamIds: string[]): Map<string, number> {
  const rows = statements.streamRevisions.all(JSON.stringify(streamIds));
  const decoded = decodeOrThrow(StreamRevisionRows, rows, 'streams rows');
  return new Map(decoded.map((row) => [row.stream_id, row.revision]));
}

function readStoredEvents(statements: Statements, eventIds: string[]): Map<string, RecordedEvent> {
  const events = statements.storedEvents.all(JSON.stringify(eventIds)).map(decodeEventRow);
  return new Map(events.map((event) => [event.eventId, event]));
}
