/**
 * The peer: the same accrual events appended through `@event-driven-io/emmett-postgresql`, written
 * as a user who picked it would: `getPostgreSQLEventStore(url)`, one `appendToStream` per trade
 * stream (emmett has no multi-stream append) with `STREAM_DOES_NOT_EXIST` for a new trade, a
 * handful of appends in flight at once, on the same database. Our own store gets the same
 * events through `appendMany` (batches of 1,000, as ingestion does) for a like-for-like ratio.
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { StreamAppend } from '@rebate/event-store';
import { openEventStore } from '@rebate/runtime';
import type { StoredRow } from './ceilings';
import { dropSchema } from './ceilings';

const IN_FLIGHT = 8;

const byStream = (rows: readonly StoredRow[]) => {
  const streams = new Map<string, StoredRow[]>();
  for (const row of rows) {
    const list = streams.get(row.stream_id) ?? [];
    list.push(row);
    streams.set(row.stream_id, list);
  }
  return streams;
};

export const peerEmmett = async (
  url: string,
  prefix: string,
  rows: readonly StoredRow[],
): Promise<number> => {
  const store = getPostgreSQLEventStore(url);
  try {
    // Schema creation happens on first use: do it before the clock starts.
    await store.appendToStream(`${prefix}-warmup`, [{ type: 'Warmup', data: {} }]);
    const streams = [...byStream(rows)];
    const started = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < streams.length) {
        const [streamId, events] = streams[next]!;
        next += 1;
        await store.appendToStream(
          `${prefix}-${streamId}`,
          events.map((e) => ({
            type: e.type,
            data: JSON.parse(e.data) as Record<string, unknown>,
            metadata: JSON.parse(e.metadata) as Record<string, unknown>,
          })),
          { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
        );
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await store.close();
  }
};

/** Our PostgreSQL store, the same events, `appendMany` of 1,000 events per call. */
export const ourAppends = async (
  url: string,
  schema: string,
  rows: readonly StoredRow[],
): Promise<number> => {
  const store = await openEventStore({
    kind: 'postgres',
    connectionString: url,
    schema,
    poolSize: undefined,
  });
  try {
    const streams = [...byStream(rows)];
    const started = process.hrtime.bigint();
    for (let at = 0; at < streams.length;) {
      const appends: StreamAppend[] = [];
      let events = 0;
      while (at < streams.length && events < 1000) {
        const [streamId, list] = streams[at]!;
        at += 1;
        events += list.length;
        appends.push({
          streamId,
          expected: 'no_stream',
          events: list.map((e) => ({
            eventId: e.event_id,
            type: e.type,
            data: JSON.parse(e.data),
            metadata: JSON.parse(e.metadata),
          })),
        });
      }
      await store.appendMany(appends);
    }
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await store.close();
    await dropSchema(url, schema);
  }
};
