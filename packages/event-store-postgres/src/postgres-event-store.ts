import type { Pool } from 'pg';
import {
  type AppendResult,
  ChangeNotifier,
  type EventChain,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamId,
  type SubscribeOptions,
  decodeOrThrow,
  groupByStream,
  normalizeAppends,
  pollingSubscription,
} from '@rebate/event-store';
import { HeadPositionRow } from '@rebate/sql';
import { appendInTransaction } from './append';
import { postgresEventChain } from './chain';
import { ChangeListener } from './change-listener';
import type { ResolvedOptions } from './options';
import { PAGE_SIZE, readAllPages, readStreamPages, readWholeStreams } from './reads';
import { type Sql, sqlFor } from './sql';

export interface PostgresStoreDiagnostics {
  /** Event rows fetched by reads since the store was opened. */
  readonly rowsFetched: number;
}

/** The event store in one PostgreSQL schema. Create it with `createPostgresEventStore`. */
export class PostgresEventStore implements EventStore {
  private readonly sql: Sql;
  private readonly changes = new ChangeNotifier();
  private readonly listener: ChangeListener;
  private readonly closing = new AbortController();
  readonly chain: EventChain;
  private rowsFetched = 0;
  private readonly countRows = (rows: number): void => {
    this.rowsFetched += rows;
  };

  constructor(
    private readonly pool: Pool,
    private readonly options: ResolvedOptions,
  ) {
    this.sql = sqlFor(options.schema);
    this.listener = new ChangeListener(
      options.connectionString,
      this.sql.notifyChannel,
      this.changes,
    );
    this.chain = postgresEventChain(pool, this.sql);
  }

  async append(
    streamId: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, events, expected }]);
    if (result === undefined) throw new Error('append produced no result');
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    const normalized = normalizeAppends(appends);
    const results = await appendInTransaction(this.pool, this.sql, this.options.schema, normalized);
    // Same-process subscriptions need not wait for the NOTIFY round trip.
    this.changes.notify();
    return results;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return readStreamPages(this.pool, this.sql, streamId, options, this.countRows);
  }

  async readStreams(
    streamIds: readonly StreamId[],
  ): Promise<ReadonlyMap<StreamId, readonly RecordedEvent[]>> {
    const events = await readWholeStreams(this.pool, this.sql, streamIds, this.countRows);
    return groupByStream(streamIds, events);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return readAllPages(this.pool, this.sql, options, this.countRows);
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signals = [this.closing.signal, ...(options.signal ? [options.signal] : [])];
    // Every poll re-arms LISTEN (a no-op while connected), so a dropped listener comes back.
    const readAll = (read: ReadAllOptions) => {
      this.listener.ensureListening();
      return this.readAll(read);
    };
    return pollingSubscription(
      { readAll, changes: this.changes },
      {
        ...options,
        signal: AbortSignal.any(signals),
        pollIntervalMs: this.options.pollIntervalMs,
        batchSize: PAGE_SIZE,
      },
    );
  }

  async headPosition(): Promise<bigint | undefined> {
    const { rows } = await this.pool.query(this.sql.headPosition);
    const row = decodeOrThrow(HeadPositionRow, rows[0], 'head row');
    return row.position ?? undefined;
  }

  diagnostics(): PostgresStoreDiagnostics {
    return { rowsFetched: this.rowsFetched };
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.listener.close();
    await this.pool.end();
  }
}
