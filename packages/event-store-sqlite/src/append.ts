import type { Database } from 'better-sqlite3';
import * as t from 'io-ts';
import {
  type AppendResult,
  type RecordedEvent,
  type StreamAppend,
  StreamRevisionRow,
  appendResults,
  decodeEventRow,
  decodeOrThrow,
  eventIdsOf,
  planAppends,
  rowsToInsert,
  streamIdsOf,
  streamRevisionUpdates,
} from '@rebate/event-store';
import type { Statements } from './statements';

const StreamRevisionRows = t.array(StreamRevisionRow);

/**
 * The append transaction: read the touched streams' revisions and any already stored ids,
 * decide with the shared planner, insert. BEGIN IMMEDIATE takes the write lock before the
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
    const positions = rowsToInsert(plans).map((row) =>
      BigInt(statements.insertEvent.run({ ...row, recordedAt }).lastInsertRowid),
    );
    for (const [streamId, revision] of streamRevisionUpdates(plans)) {
      statements.upsertStream.run(streamId, revision);
    }
    return appendResults(plans, positions);
  });
  return (appends) => transaction.immediate(appends);
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
