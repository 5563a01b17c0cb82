import type { Pool, PoolClient } from 'pg';
import { checkpointsTable } from '../storage/checkpoints-table';
import type { ProcessorClaim, ReadModelStorage, RowReader, RowWriter } from '../storage/port';
import type { SqlDialect } from '../storage/sql-dialect';
import { type SqlExecutor, SqlRows } from '../storage/sql-rows';
import { claimAdvisoryLock } from './processor-lock';
import { inTransaction } from './transaction';

const executorOn = (connection: Pool | PoolClient): SqlExecutor => ({
  all: async (statement) => (await connection.query(statement.text, [...statement.values])).rows,
  run: async (statement) =>
    (await connection.query(statement.text, [...statement.values])).rowCount ?? 0,
});

/** The read models in one PostgreSQL schema, over a connection pool. */
export class PostgresReadModelStorage implements ReadModelStorage {
  readonly kind = 'postgres';
  readonly rows: RowReader;

  constructor(
    private readonly pool: Pool,
    private readonly dialect: SqlDialect,
    private readonly connectionString: string,
    private readonly schema: string,
  ) {
    this.rows = new SqlRows(dialect, executorOn(pool));
  }

  snapshot<T>(work: (rows: RowReader) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) =>
      work(new SqlRows(this.dialect, executorOn(client))),
    );
  }

  transaction<T>(work: (rows: RowWriter) => Promise<T>): Promise<T> {
    // READ COMMITTED is enough: one processor writes a projection's tables, and the checkpoint
    // compare-and-set (a row lock) serialises any second one. No wait for the WAL flush: a
    // server crash may lose the last commits, but rows and checkpoint together (one
    // transaction), so the projection applies those events again. The events are in the store.
    return inTransaction(this.pool, 'BEGIN; SET LOCAL synchronous_commit TO OFF', (client) =>
      work(new SqlRows(this.dialect, executorOn(client))),
    );
  }

  async checkpoints(): Promise<ReadonlyMap<string, bigint>> {
    const rows = await this.rows.scan(checkpointsTable);
    return new Map(rows.map((row) => [row.projection, row.position]));
  }

  claimProcessor(projection: string): Promise<ProcessorClaim | undefined> {
    return claimAdvisoryLock(this.connectionString, this.schema, projection);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
