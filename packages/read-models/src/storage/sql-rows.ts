import type { Scan, RowWriter } from './port';
import { CheckpointConflictError } from './port';
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
import { checkpointsTable } from './checkpoints-table';

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

  async checkpoint(projection: string): Promise<bigint | undefined> {
    const [row] = await this.scan(checkpointsTable, { where: { projection } });
    return row?.position;
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

  async compareAndSetCheckpoint(
    projection: string,
    expected: bigint | undefined,
    next: bigint | undefined,
  ): Promise<void> {
    const changed = await this.executor.run(this.checkpointStatement(projection, expected, next));
    const wanted = expected === undefined && next === undefined ? 0 : 1;
    if (changed !== wanted) throw new CheckpointConflictError(projection, expected);
  }

  /**
   * One statement per case, each changing exactly one row when the stored value is the expected
   * one; on PostgreSQL the row lock it takes also makes a concurrent processor wait, then fail.
   */
  private checkpointStatement(
    projection: string,
    expected: bigint | undefined,
    next: bigint | undefined,
  ): Statement {
    const { dialect } = this;
    const table = dialect.table(checkpointsTable.name);
    const p = (index: number, kind: 'text' | 'position') => dialect.param(index, kind);
    const now = new Date().toISOString();
    if (expected === undefined && next === undefined) {
      // Nothing stored and nothing to store: "changes" the row only if one exists (a conflict).
      return {
        text: `UPDATE ${table} SET updated_at = updated_at WHERE projection = ${p(1, 'text')}`,
        values: [dialect.bind(projection)],
      };
    }
    if (expected === undefined) {
      return {
        text: `INSERT INTO ${table} (projection, position, updated_at)
          VALUES (${p(1, 'text')}, ${p(2, 'position')}, ${p(3, 'text')}) ON CONFLICT (projection) DO NOTHING`,
        values: [projection, next as bigint, now].map((value) => dialect.bind(value)),
      };
    }
    if (next === undefined) {
      return {
        text: `DELETE FROM ${table} WHERE projection = ${p(1, 'text')} AND position = ${p(2, 'position')}`,
        values: [projection, expected].map((value) => dialect.bind(value)),
      };
    }
    return {
      text: `UPDATE ${table} SET position = ${p(1, 'position')}, updated_at = ${p(2, 'text')}
        WHERE projection = ${p(3, 'text')} AND position = ${p(4, 'position')}`,
      values: [next, now, projection, expected].map((value) => dialect.bind(value)),
    };
  }
}
