import type { ColumnKind, SqlValue } from './columns';

/** What differs between the adapters' SQL; everything else is shared (see sql-statements.ts). */
export interface SqlDialect {
  /** Parameter number `index` (from 1) for a column of `kind`, e.g. `$3::numeric` or `?`. */
  param(index: number, kind: ColumnKind): string;
  /** A parameter value as the driver takes it. */
  bind(value: SqlValue): unknown;
  /** A table's name as written in statements (schema-qualified on PostgreSQL). */
  table(name: string): string;
  /** Parameters one statement may carry. */
  readonly maxParams: number;
}

export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}
