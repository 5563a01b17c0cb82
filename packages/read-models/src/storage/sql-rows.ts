import type { ReadModelDb, Scan, RowWriter } from './port';
import type { SqlDialect, Statement } from './sql-dialect';
import {
  deleteByKeys,
  deleteEverything,
  inChunks,
  selectByKeys,
  selectScan,
  upsertRows,
} from './sql-statements';
import type { AnyTable, KeyOf, Table } from './table';
import { compareAndSetCheckpoint, readCheckpoint } from './checkpoints';

/** How an adapter runs a statement on the connection (or transaction) at hand. */
export interface SqlExecutor {
  all(statement: Statement): Promise<readonly unknown[]>;
  /** Returns the number of rows changed. */
  run(statement: Statement): Promise<number>;
}

/**
 * The port's row operations as SQL, for any dialect. Inside a transaction the executor is the
 * transaction's connection; outside, each statement runs on its own.
 */
export class SqlRows implements RowWriter {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly executor: SqlExecutor,
    readonly db: ReadModelDb,
  ) {}

  async getMany<R, K extends keyof R & string>(
    table: Table<R, K>,
    keys: readonly KeyOf<R, K>[],
  ): Promise<readonly R[]> {
    const rows: R[] = [];
    for (const part of inChunks(this.dialect, keys, table.key.length)) {
      const raw = await this.executor.all(selectByKeys(this.dialect, table, part));
      rows.push(...raw.map((row) => table.decode(row)));
    }
    return rows;
  }

  async scan<R, K extends keyof R & string>(
    table: Table<R, K>,
    scan: Scan<R> = {},
  ): Promise<readonly R[]> {
    const raw = await this.executor.all(selectScan(this.dialect, table, scan));
    return raw.map((row) => table.decode(row));
  }

  checkpoint(projection: string): Promise<bigint | undefined> {
    return readCheckpoint(this.db, projection);
  }

  async put<R, K extends keyof R & string>(table: Table<R, K>, rows: readonly R[]): Promise<void> {
    for (const part of inChunks(this.dialect, rows, table.columns.length)) {
      await this.executor.run(upsertRows(this.dialect, table, part));
    }
  }

  async delete<R, K extends keyof R & string>(
    table: Table<R, K>,
    keys: readonly KeyOf<R, K>[],
  ): Promise<void> {
    for (const part of inChunks(this.dialect, keys, table.key.length)) {
      await this.executor.run(deleteByKeys(this.dialect, table, part));
    }
  }

  async deleteAll(table: AnyTable): Promise<void> {
    await this.executor.run(deleteEverything(this.dialect, table.name));
  }

  compareAndSetCheckpoint(
    projection: string,
    expected: bigint | undefined,
    next: bigint | undefined,
  ): Promise<void> {
    return compareAndSetCheckpoint(this.db, projection, expected, next);
  }
}
