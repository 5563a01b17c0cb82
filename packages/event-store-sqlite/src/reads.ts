import {
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  paginate,
  toSqlFilterParams,
} from '@rebate/event-store';
import { decodeEventRow } from '@rebate/sql';
import type { Statements } from './statements';

/** Rows per query: bounds memory for long reads; a read of N < PAGE_SIZE events fetches N. */
export const PAGE_SIZE = 500;

/** Reports how many rows each query fetched (the store's diagnostics counter). */
export type RowCounter = (rows: number) => void;

const LAST_REVISION = Number.MAX_SAFE_INTEGER;

export function readStreamPages(
  statements: Statements,
  streamId: string,
  options: ReadStreamOptions,
  count: RowCounter,
): AsyncGenerator<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  const statement = backwards ? statements.readBackwards : statements.readForwards;
  const start = options.fromRevision ?? (backwards ? LAST_REVISION : 0);
  return paginate(
    (limit, last: RecordedEvent | undefined) => {
      const from = last === undefined ? start : last.revision + (backwards ? -1 : 1);
      return fetchEvents(() => statement.all(streamId, from, limit), count);
    },
    { pageSize: PAGE_SIZE, maxCount: options.maxCount },
  );
}

export function readAllPages(
  statements: Statements,
  options: ReadAllOptions,
  count: RowCounter,
): AsyncGenerator<RecordedEvent> {
  const { streamPrefixes, eventTypes } = toSqlFilterParams(options.filter);
  const jsonOrNull = (list: readonly string[] | null) =>
    list === null ? null : JSON.stringify(list);
  const filter = { prefixes: jsonOrNull(streamPrefixes), types: jsonOrNull(eventTypes) };
  return paginate(
    (limit, last: RecordedEvent | undefined) => {
      const after = last?.position ?? options.after ?? 0n;
      return fetchEvents(() => statements.readAll.all({ ...filter, after, limit }), count);
    },
    { pageSize: PAGE_SIZE, maxCount: options.maxCount },
  );
}

/** Whole short streams in one query (e.g. the trade streams of one Kafka batch). */
export function readWholeStreams(
  statements: Statements,
  streamIds: readonly string[],
  count: RowCounter,
): RecordedEvent[] {
  return fetchEvents(() => statements.readStreams.all(JSON.stringify(streamIds)), count);
}

function fetchEvents(query: () => unknown[], count: RowCounter): RecordedEvent[] {
  const rows = query();
  count(rows.length);
  return rows.map(decodeEventRow);
}
