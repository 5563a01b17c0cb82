import { chunk } from '@rebate/event-store';
import type { SqlValue } from './columns';
import type { Scan } from './port';
import type { SqlDialect, Statement } from './sql-dialect';
import type { ColumnSpec, KeyOf, Table } from './table';

/**
 * The statements both adapters run, built from a table's description. Identifiers come from the
 * table definitions in this package, never from input; values are always parameters.
 */

const quote = (identifier: string): string => `"${identifier}"`;

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}

  add(column: ColumnSpec, value: SqlValue): string {
    this.values.push(this.dialect.bind(value));
    return this.dialect.param(this.values.length, column.kind);
  }
}

const columnOf = <R, K extends keyof R & string>(table: Table<R, K>, prop: string): ColumnSpec => {
  const column = table.columns.find((spec) => spec.prop === prop);
  if (column === undefined) throw new RangeError(`table ${table.name} has no column ${prop}`);
  return column;
};

const selectList = (columns: readonly ColumnSpec[]): string =>
  columns.map((column) => `${quote(column.sql)} AS ${quote(column.prop)}`).join(', ');

const keyColumns = <R, K extends keyof R & string>(table: Table<R, K>): ColumnSpec[] =>
  table.key.map((prop) => columnOf(table, prop));

/** `(a, b) IN (VALUES (..), (..))`: works on both databases for one or many key columns. */
const keysCondition = <R, K extends keyof R & string>(
  table: Table<R, K>,
  keys: readonly KeyOf<R, K>[],
  params: Params,
): string => {
  const columns = keyColumns(table);
  const tuples = keys.map(
    (key) =>
      `(${columns
        .map((column) => params.add(column, table.toSql(column.prop as K, key[column.prop as K])))
        .join(', ')})`,
  );
  return `(${columns.map((column) => quote(column.sql)).join(', ')}) IN (VALUES ${tuples.join(', ')})`;
};

/** Batches of rows or keys small enough for the dialect's parameter limit. */
export const inChunks = <T>(dialect: SqlDialect, items: readonly T[], paramsPerItem: number) =>
  chunk(items, Math.max(1, Math.min(500, Math.floor(dialect.maxParams / paramsPerItem))));

export const selectByKeys = <R, K extends keyof R & string>(
  dialect: SqlDialect,
  table: Table<R, K>,
  keys: readonly KeyOf<R, K>[],
): Statement => {
  const params = new Params(dialect);
  const condition = keysCondition(table, keys, params);
  return {
    text: `SELECT ${selectList(table.columns)} FROM ${dialect.table(table.name)} WHERE ${condition}`,
    values: params.values,
  };
};

export const selectScan = <R, K extends keyof R & string>(
  dialect: SqlDialect,
  table: Table<R, K>,
  scan: Scan<R>,
): Statement => {
  const params = new Params(dialect);
  const conditions: string[] = [];
  const toSql = <P extends keyof R & string>(prop: P, value: R[P]) => table.toSql(prop, value);
  for (const [prop, value] of Object.entries(scan.where ?? {})) {
    if (value === undefined) continue;
    const column = columnOf(table, prop);
    conditions.push(
      value === null
        ? `${quote(column.sql)} IS NULL`
        : `${quote(column.sql)} = ${params.add(column, toSql(prop as keyof R & string, value as R[keyof R & string]))}`,
    );
  }
  if (scan.range) {
    const { column: prop, after, from, to } = scan.range;
    const column = columnOf(table, prop);
    const bound = (operator: string, value: R[typeof prop] | undefined) => {
      if (value !== undefined) {
        conditions.push(
          `${quote(column.sql)} ${operator} ${params.add(column, toSql(prop, value))}`,
        );
      }
    };
    bound('>', after);
    bound('>=', from);
    bound('<=', to);
  }
  const orderBy = (scan.orderBy ?? table.key).map((prop) => quote(columnOf(table, prop).sql));
  const limit = scan.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(scan.limit))}`;
  return {
    text:
      `SELECT ${selectList(table.columns)} FROM ${dialect.table(table.name)}` +
      (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY ${orderBy.join(', ')}${limit}`,
    values: params.values,
  };
};

/** INSERT .. ON CONFLICT (key) DO UPDATE: the same syntax on PostgreSQL and SQLite (3.24+). */
export const upsertRows = <R, K extends keyof R & string>(
  dialect: SqlDialect,
  table: Table<R, K>,
  rows: readonly R[],
): Statement => {
  const params = new Params(dialect);
  const tuples = rows.map(
    (row) =>
      `(${table.columns
        .map((column) => {
          const prop = column.prop as keyof R & string;
          return params.add(column, table.toSql(prop, row[prop]));
        })
        .join(', ')})`,
  );
  const keys = new Set<string>(table.key);
  const updates = table.columns
    .filter((column) => !keys.has(column.prop))
    .map((column) => `${quote(column.sql)} = excluded.${quote(column.sql)}`);
  const conflict = `ON CONFLICT (${keyColumns(table)
    .map((column) => quote(column.sql))
    .join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`;
  return {
    text:
      `INSERT INTO ${dialect.table(table.name)} (${table.columns.map((c) => quote(c.sql)).join(', ')}) ` +
      `VALUES ${tuples.join(', ')} ${conflict}`,
    values: params.values,
  };
};

export const deleteByKeys = <R, K extends keyof R & string>(
  dialect: SqlDialect,
  table: Table<R, K>,
  keys: readonly KeyOf<R, K>[],
): Statement => {
  const params = new Params(dialect);
  const condition = keysCondition(table, keys, params);
  return {
    text: `DELETE FROM ${dialect.table(table.name)} WHERE ${condition}`,
    values: params.values,
  };
};

export const deleteEverything = (dialect: SqlDialect, tableName: string): Statement => ({
  text: `DELETE FROM ${dialect.table(tableName)}`,
  values: [],
});
