import * as t from 'io-ts';
import type { ColumnType, Insertable } from 'kysely';
import { type Big, formatDecimal } from '@rebate/domain';
import { decodeOrThrow } from '@rebate/event-store';
import { BigIntFromDb, BooleanFromDb, DecimalFromDb, SafeIntegerFromDb } from '@rebate/sql';

/**
 * Each read-model table is defined once: its columns, each with the io-ts codec that decodes
 * what either driver hands back (pg: numeric and int8 as strings; better-sqlite3 with safe
 * integers: bigint, booleans as 0/1) and the value it is written as. From a definition come the
 * Kysely table type (`DbTable`), the decoded row type (`RowOf`), and the shape the migrations
 * must create (test/schema.test.ts checks it on both databases). Queries are Kysely's; names
 * are camelCase in code and snake_case in SQL (Kysely's CamelCasePlugin). Money is stored
 * exactly: PostgreSQL NUMERIC, SQLite TEXT (NUMERIC affinity would turn "0.1" into a float).
 */

export type ColumnKind = 'text' | 'decimal' | 'integer' | 'position' | 'boolean';

export interface Column<A, S, I> {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly codec: t.Decoder<unknown, A>;
  /** The value written (a parameter). Method syntax: columns of any type fit `AnyColumn`. */
  toDb(value: A): I;
  /** Type only: what a driver returns for the column. */
  readonly selected?: S;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyColumn = Column<any, unknown, unknown>;
export type Columns = Readonly<Record<string, AnyColumn>>;

const column = <A, S, I>(
  kind: ColumnKind,
  codec: t.Decoder<unknown, A>,
  toDb: (value: A) => I,
): Column<A, S, I> => ({ kind, nullable: false, codec, toDb });

export const text = column<string, string, string>('text', t.string, (value) => value);
export const decimal = column<Big, string, string>('decimal', DecimalFromDb, formatDecimal);
export const integer = column<number, string | bigint, number>(
  'integer',
  SafeIntegerFromDb,
  (value) => value,
);
export const position = column<bigint, string | bigint, bigint>(
  'position',
  BigIntFromDb,
  (value) => value,
);
/** Written as 1/0: SQLite has no booleans, and PostgreSQL reads '1' and '0' as boolean input. */
export const boolean = column<boolean, boolean | bigint | number, 0 | 1>(
  'boolean',
  BooleanFromDb,
  (value) => (value ? 1 : 0),
);

const orNull = <A>(inner: t.Decoder<unknown, A>): t.Decoder<unknown, A | null> => {
  const validate: t.Validate<unknown, A | null> = (u, c) =>
    u === null ? t.success(null) : inner.validate(u, c);
  return {
    name: `${inner.name} | null`,
    validate,
    decode: (u) => validate(u, t.getDefaultContext(t.unknown)),
  };
};

export const nullable = <A, S, I>(
  inner: Column<A, S, I>,
): Column<A | null, S | null, I | null> => ({
  kind: inner.kind,
  nullable: true,
  codec: orNull(inner.codec),
  toDb: (value) => (value === null ? null : inner.toDb(value)),
});

/** The row as code reads and writes it. */
export type RowOf<C extends Columns> = {
  readonly [P in keyof C]: C[P] extends Column<infer A, unknown, unknown> ? A : never;
};

/** The Kysely table type: what the driver returns, what is written. */
export type DbTable<C extends Columns> = {
  [P in keyof C]: C[P] extends Column<unknown, infer S, infer I> ? ColumnType<S, I, I> : never;
};

export interface TableDef<N extends string, C extends Columns, K extends keyof C & string> {
  /** The Kysely name (camelCase). */
  readonly name: N;
  /** The SQL name (snake_case), for DDL (shadow tables) and the schema test. */
  readonly sqlName: string;
  readonly columns: C;
  readonly key: readonly K[];
  /** Decodes a row as Kysely returns it (TypeError when it does not match the definition). */
  decode(raw: unknown): RowOf<C>;
  encode(row: RowOf<C>): Insertable<DbTable<C>>;
}

/** The Kysely database of some tables: each under its name, typed by its columns. */
export type DatabaseOf<T extends readonly { readonly name: string; readonly columns: Columns }[]> =
  {
    [D in T[number] as D['name']]: DbTable<D['columns']>;
  };

/** Any table, for code that only needs its names, columns and key (reset, checksums). */
export interface AnyTableDef {
  readonly name: string;
  readonly sqlName: string;
  readonly columns: Columns;
  readonly key: readonly string[];
  decode(raw: unknown): object;
  encode(row: never): object;
}

/** The snake_case form of a camelCase name, as Kysely's CamelCasePlugin writes it. */
export const snakeCase = (name: string): string =>
  name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const defineTable = <N extends string, C extends Columns, K extends keyof C & string>(
  name: N,
  columns: C,
  key: readonly K[],
): TableDef<N, C, K> => {
  const entries = Object.entries(columns);
  const rowCodec: t.Decoder<unknown, RowOf<C>> = {
    name: `${snakeCase(name)} row`,
    validate: (u, c) => {
      if (typeof u !== 'object' || u === null) return t.failure(u, c, 'a row');
      const row: Record<string, unknown> = {};
      const errors: t.Errors = [];
      for (const [prop, { codec }] of entries) {
        const result = codec.validate(
          (u as Record<string, unknown>)[prop],
          t.appendContext(c, prop, codec),
        );
        if (result._tag === 'Left') errors.push(...result.left);
        else row[prop] = result.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(row as RowOf<C>);
    },
    decode: (u) => rowCodec.validate(u, t.getDefaultContext(rowCodec)),
  };
  return {
    name,
    sqlName: snakeCase(name),
    columns,
    key,
    decode: (raw) => decodeOrThrow(rowCodec, raw, rowCodec.name),
    encode: (row) => {
      const out: Record<string, unknown> = {};
      for (const [prop, spec] of entries) out[prop] = spec.toDb(row[prop]);
      return out as Insertable<DbTable<C>>;
    },
  };
};
