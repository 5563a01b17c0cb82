import type { Pool, PoolClient } from 'pg';
import { checkpointsTable } from '../storage/checkpoints-table';
import type {
  ProcessorClaim,
  ReadModelStorage,
  RowReader,
  RowWriter,
  ShadowSwap,
  ShadowTables,
} from '../storage/port';
import { checkSuffix, renamedDialect } from '../storage/renamed-dialect';
import type { SqlDialect } from '../storage/sql-dialect';
import { type SqlExecutor, SqlRows } from '../storage/sql-rows';
import { claimAdvisoryLock } from './processor-lock';
import { inTransaction } from '@rebate/sql';

const executorOn = (connection: Pool | PoolClient): SqlExecutor => ({
  all: async (statement) => (await connection.query(statement.text, [...statement.values])).rows,
  run: async (statement) =>
    (await connection.query(statement.text, [...statement.values])).rowCount ?? 0,
});

/** The read models in one PostgreSQL schema, over a connection pool. */
export class PostgresReadModelStorage implements ReadModelStorage {
  readonly kind = 'postgres';
  readonly rows: RowReader;

  readonly shadows: ShadowTables;

  constructor(
    private readonly pool: Pool,
    private readonly dialect: SqlDialect,
    private readonly connectionString: string,
    private readonly schema: string,
    /** A view over another storage's pool does not end it. */
    private readonly ownsPool = true,
  ) {
    this.rows = new SqlRows(dialect, executorOn(pool));
    this.shadows = {
      create: (tables, suffix) => this.createShadows(tables, checkSuffix(suffix)),
      view: (tables, suffix) =>
        new PostgresReadModelStorage(
          pool,
          renamedDialect(dialect, tables, checkSuffix(suffix)),
          connectionString,
          schema,
          false,
        ),
      swap: (swap) => this.swapShadows(swap),
    };
  }

  private quoted(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  private createShadows(tables: readonly string[], suffix: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      for (const table of tables) {
        const shadow = this.quoted(`${table}${suffix}`);
        await client.query(`DROP TABLE IF EXISTS ${shadow}`);
        // Columns, types, collations, key and indexes of the live table.
        await client.query(`CREATE TABLE ${shadow} (LIKE ${this.quoted(table)} INCLUDING ALL)`);
      }
    });
  }

  /**
   * The live checkpoint's row lock is taken first, so the live processor's next batch (which
   * starts with its compare-and-set) waits, then carries on against the swapped tables.
   */
  private swapShadows(swap: ShadowSwap): Promise<void> {
    const suffix = checkSuffix(swap.suffix);
    return inTransaction(this.pool, async (client) => {
      const rows = new SqlRows(this.dialect, executorOn(client));
      await rows.compareAndSetCheckpoint(swap.live, swap.expectedLive, swap.next);
      for (const table of swap.tables) {
        await client.query(`DROP TABLE ${this.quoted(table)}`);
        await client.query(`ALTER TABLE ${this.quoted(`${table}${suffix}`)} RENAME TO "${table}"`);
      }
      await rows.compareAndSetCheckpoint(swap.shadow, swap.next, undefined);
    });
  }

  snapshot<T>(work: (rows: RowReader) => Promise<T>): Promise<T> {
    return inTransaction(
      this.pool,
      (client) => work(new SqlRows(this.dialect, executorOn(client))),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  transaction<T>(work: (rows: RowWriter) => Promise<T>): Promise<T> {
    // READ COMMITTED is enough: one processor writes a projection's tables, and the checkpoint
    // compare-and-set (a row lock) serialises any second one. No wait for the WAL flush: a
    // server crash may lose the last commits, but rows and checkpoint together (one
    // transaction), so the projection applies those events again. The events are in the store.
    return inTransaction(
      this.pool,
      (client) => work(new SqlRows(this.dialect, executorOn(client))),
      'BEGIN; SET LOCAL synchronous_commit TO OFF',
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
    if (this.ownsPool) await this.pool.end();
  }
}
