import type { ColumnKind } from '../storage/columns';
import type { SqlDialect } from '../storage/sql-dialect';

const CASTS: Readonly<Record<ColumnKind, string>> = {
  text: 'text',
  decimal: 'numeric',
  integer: 'bigint',
  position: 'bigint',
  boolean: 'boolean',
};

/**
 * Every parameter carries its column's type, so `(a, b) IN (VALUES ($1, $2))` and NUMERIC
 * comparisons are typed without guessing. Money goes in as decimal text (`'12.5'::numeric`).
 * `schema` is a validated identifier.
 */
export const postgresDialect = (schema: string): SqlDialect => ({
  param: (index, kind) => `$${index}::${CASTS[kind]}`,
  bind: (value) => (typeof value === 'bigint' ? value.toString() : value),
  table: (name) => `"${schema}"."${name}"`,
  maxParams: 60_000,
});
