import { type Kysely, sql } from 'kysely';
import { chunk } from '@rebate/event-store';
import type { ReadModelDb } from './port';
import type { Columns, RowOf, TableDef } from './schema';

/**
 * The two statements a projection's batch is made of, as Kysely queries: the rows of many keys
 * in one SELECT, and many rows written in one INSERT .. ON CONFLICT (the same syntax on
 * PostgreSQL and SQLite 3.24+). Large batches are split to stay under the parameter limits
 * (SQLite's default is 32766 per statement, PostgreSQL's 65535).
 */

const MAX_PARAMS = 30_000;

const inChunks = <T>(items: readonly T[], paramsPerItem: number): T[][] =>
  chunk(items, Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / paramsPerItem))));

/**
 * The table's name is a type parameter here, which Kysely's builder cannot check: these two
 * generic helpers use it untyped. Everything they write is encoded by the table's definition
 * and everything they read is decoded by it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Kysely<any>;
const untyped = (db: ReadModelDb): Untyped => db as unknown as Untyped;

export type KeyOf<C extends Columns, K extends keyof C & string> = Pick<RowOf<C>, K>;

/**
 * The stored rows of these keys (those that exist), in one query per chunk. Composite keys
 * are matched with `(a, b) IN (VALUES (..), (..))`, which both databases answer from the
 * primary key (SQLite has no `IN` over a list of row values); their columns must be text.
 */
export const selectByKeys = async <N extends string, C extends Columns, K extends keyof C & string>(
  db: ReadModelDb,
  table: TableDef<N, C, K>,
  keys: readonly KeyOf<C, K>[],
): Promise<RowOf<C>[]> => {
  const rows: RowOf<C>[] = [];
  const [first, ...rest] = table.key;
  if (first === undefined) throw new RangeError(`table ${table.name} has no key`);
  for (const part of inChunks(keys, table.key.length)) {
    const query = untyped(db)
      .selectFrom(table.name as string)
      .selectAll();
    const found =
      rest.length === 0
        ? await query
            .where(
              first as string,
              'in',
              part.map((key) => table.columns[first]?.toDb(key[first])),
            )
            .execute()
        : await query
            .where(
              sql<boolean>`(${sql.join(table.key.map((column) => sql.ref(column)))}) IN (VALUES ${sql.join(
                part.map(
                  (key) =>
                    sql`(${sql.join(table.key.map((column) => table.columns[column]?.toDb(key[column])))})`,
                ),
              )})`,
            )
            .execute();
    rows.push(...found.map((raw) => table.decode(raw)));
  }
  return rows;
};

/**
 * Inserts rows, replacing the stored row of the same key (`ignore`: keeping it), one
 * multi-row statement per chunk.
 */
export const upsertRows = async <N extends string, C extends Columns, K extends keyof C & string>(
  db: ReadModelDb,
  table: TableDef<N, C, K>,
  rows: readonly RowOf<C>[],
  onConflict: 'replace' | 'ignore' = 'replace',
): Promise<void> => {
  const keys = new Set<string>(table.key);
  const updated = Object.keys(table.columns).filter((column) => !keys.has(column));
  for (const part of inChunks(rows, Object.keys(table.columns).length)) {
    await untyped(db)
      .insertInto(table.name as string)
      .values(part.map((row) => table.encode(row)))
      .onConflict((oc) => {
        const target = oc.columns([...table.key] as string[]);
        return onConflict === 'ignore' || updated.length === 0
          ? target.doNothing()
          : target.doUpdateSet((eb) =>
              Object.fromEntries(updated.map((column) => [column, eb.ref(`excluded.${column}`)])),
            );
      })
      .execute();
  }
};

/** Rows keyed by their key columns, for a batch's working copies. */
export const keyText = (...parts: readonly (string | null)[]): string => JSON.stringify(parts);
