import type { Column } from './columns';
import type { Columns, RowOf, TableDef } from './schema';
import { type Table, defineTable } from './table';

const made = new WeakMap<object, unknown>();

/** Transitional: a table definition as the old row layer takes it. */
export const legacy = <N extends string, C extends Columns, K extends keyof C & string>(
  def: TableDef<N, C, K>,
): Table<RowOf<C>, K> => {
  const known = made.get(def);
  if (known !== undefined) return known as Table<RowOf<C>, K>;
  const columns: Record<string, Column<unknown>> = {};
  for (const [prop, column] of Object.entries(def.columns)) {
    columns[prop] = {
      kind: column.kind,
      nullable: column.nullable,
      codec: column.codec,
      toSql: (value) => column.toDb(value) as never,
    };
  }
  const table = defineTable(def.sqlName, columns, def.key) as unknown as Table<RowOf<C>, K>;
  made.set(def, table);
  return table;
};
