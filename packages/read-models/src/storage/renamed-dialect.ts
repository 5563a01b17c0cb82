import type { SqlDialect } from './sql-dialect';

/** The dialect with each of `tables` written as its shadow `<name><suffix>`. */
export const renamedDialect = (
  dialect: SqlDialect,
  tables: readonly string[],
  suffix: string,
): SqlDialect => {
  const renamed = new Set(tables);
  return {
    ...dialect,
    table: (name) => dialect.table(renamed.has(name) ? `${name}${suffix}` : name),
  };
};

/** Shadow suffixes are spliced into SQL: lower-case letters, digits and underscores only. */
export const checkSuffix = (suffix: string): string => {
  if (!/^_[a-z0-9_]{1,20}$/.test(suffix)) throw new RangeError(`bad shadow suffix ${suffix}`);
  return suffix;
};
