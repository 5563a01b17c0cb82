import type { Database } from 'better-sqlite3';
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
import { createAppendTransaction } from './append';
import { sqliteEventChain } from './chain';
import { PAGE_SIZE, readAllPages, readStreamPages, readWholeStreams } from './reads';
import { type Statements, prepareStatements } from './statements';

export interface SqliteStoreDiagnostics {
  /** Event rows fetched by reads since the store was opened. */
  readonly rowsFetched: number;
}

/**
 * The event store on one SQLite database. better-sqlite3 is synchronous, so each append runs
 * to completion inside its call; the async signatures are the port's.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly appendInTransaction: (appends: readonly StreamAppend[]) => AppendResult[];
  private readonly changes = new ChangeNotifier();
  private readonly closing = new AbortController();
  readonly chain: EventChain;
  private rowsFetched = 0;
  private readonly countRows = (rows: number): void => {
    this.rowsFetched += rows;
  };

  constructor(
    private readonly db: Database,
    private readonly pollIntervalMs: number,
  ) {
    this.statements = prepareStatements(db);
    this.appendInTransaction = createAppendTransaction(db, this.statements);
    this.chain = sqliteEventChain(this.statements);
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
    const results = this.appendInTransaction(normalizeAppends(appends));
    // Wakes this instance's subscriptions now; other processes' find out by polling.
    this.changes.notify();
    return results;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return readStreamPages(this.statements, streamId, options, this.countRows);
  }

  async readStreams(
    streamIds: readonly StreamId[],
  ): Promise<ReadonlyMap<StreamId, readonly RecordedEvent[]>> {
    return groupByStream(streamIds, readWholeStreams(this.statements, streamIds, this.countRows));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return readAllPages(this.statements, options, this.countRows);
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signals = [this.closing.signal, ...(options.signal ? [options.signal] : [])];
    return pollingSubscription(
      { readAll: (read) => this.readAll(read), changes: this.changes },
      {
        ...options,
        signal: AbortSignal.any(signals),
        pollIntervalMs: this.pollIntervalMs,
        batchSize: PAGE_SIZE,
      },
    );
  }

  async headPosition(): Promise<bigint | undefined> {
    const row = decodeOrThrow(HeadPositionRow, this.statements.headPosition.get(), 'head row');
    return row.position ?? undefined;
  }

  diagnostics(): SqliteStoreDiagnostics {
    return { rowsFetched: this.rowsFetched };
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.db.close();
  }
}
