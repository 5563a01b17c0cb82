import type { Pool } from 'pg';
import {
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  paginate,
  toSqlFilterParams,
} from '@rebate/event-store';
import { decodeEventRow } from '@rebate/sql';
import type { Sql } from './sql';

/** Rows per query: bounds memory for long reads; a read of N < PAGE_SIZE events fetches N. */
export const PAGE_SIZE = 1000;

/** Reports how many rows each query fetched (the store's diagnostics counter). */
export type RowCounter = (rows: number) => void;

/** revision is an integer column: the largest value it can hold means "from the end". */
const LAST_REVISION = 2_147_483_647;

export function readStreamPages(
  pool: Pool,
  sql: Sql,
  streamId: string,
  options: ReadStreamOptions,
  count: RowCounter,
): AsyncGenerator<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  const text = backwards ? sql.readBackwards : sql.readForwards;
  const start = Math.min(options.fromRevision ?? (backwards ? LAST_REVISION : 0), LAST_REVISION);
  return paginate(
    (limit, last: RecordedEvent | undefined) => {
      const from = last === undefined ? start : last.revision + (backwards ? -1 : 1);
      return fetchEvents(pool, text, [streamId, from, limit], count);
    },
    { pageSize: PAGE_SIZE, maxCount: options.maxCount },
  );
}

export function readAllPages(
  pool: Pool,
  sql: Sql,
  options: ReadAllOptions,
  count: RowCounter,
): AsyncGenerator<RecordedEvent> {
  const { streamPrefixes, eventTypes } = toSqlFilterParams(options.filter);
  return paginate(
    (limit, last: RecordedEvent | undefined) => {
      const after = (last?.position ?? options.after ?? 0n).toString();
      return fetchEvents(pool, sql.readAll, [after, eventTypes, streamPrefixes, limit], count);
    },
    { pageSize: PAGE_SIZE, maxCount: options.maxCount },
  );
}

/** Whole short streams in one query (e.g. the trade streams of one Kafka batch). */
export function readWholeStreams(
  pool: Pool,
  sql: Sql,
  streamIds: readonly string[],
  count: RowCounter,
): Promise<RecordedEvent[]> {
  return fetchEvents(pool, sql.readStreams, [streamIds], count);
}

async function fetchEvents(
  pool: Pool,
  text: string,
  values: unknown[],
  count: RowCounter,
): Promise<RecordedEvent[]> {
  const { rows } = await pool.query(text, values);
  count(rows.length);
  return rows.map(decodeEventRow);
}
