import * as t from 'io-ts';
import { type Big, formatDecimal } from '@rebate/domain';
import { BigIntFromDb, BooleanFromDb, DecimalFromDb, SafeIntegerFromDb } from '@rebate/sql';

/**
 * Column types of the read-model tables, each with the io-ts codec that decodes what either
 * driver hands back (pg: numeric and int8 as strings; better-sqlite3 with safe integers: bigint)
 * and the value bound as a parameter. Money is stored exactly: PostgreSQL NUMERIC, SQLite TEXT
 * (SQLite has no exact decimal type: NUMERIC affinity would turn "0.1" into a binary float).
 */

export type ColumnKind = 'text' | 'decimal' | 'integer' | 'position' | 'boolean';

/** A parameter value before the dialect adapts it (pg: bigint as text; SQLite: booleans as 0/1). */
export type SqlValue = string | number | bigint | boolean | null;

export interface Column<A> {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly codec: t.Decoder<unknown, A>;
  /** Method syntax on purpose: columns of any type fit `Column<unknown>`. */
  toSql(value: A): SqlValue;
}

const column = <A>(
  kind: ColumnKind,
  codec: t.Decoder<unknown, A>,
  toSql: (value: A) => SqlValue,
): Column<A> => ({ kind, nullable: false, codec, toSql });

export const text = column<string>('text', t.string, (value) => value);
export const decimal = column<Big>('decimal', DecimalFromDb, formatDecimal);
export const integer = column<number>('integer', SafeIntegerFromDb, (value) => value);
export const position = column<bigint>('position', BigIntFromDb, (value) => value);
export const boolean = column<boolean>('boolean', BooleanFromDb, (value) => value);

const orNull = <A>(inner: t.Decoder<unknown, A>): t.Decoder<unknown, A | null> => {
  const validate: t.Validate<unknown, A | null> = (u, c) =>
    u === null ? t.success(null) : inner.validate(u, c);
  return {
    name: `${inner.name} | null`,
    validate,
    decode: (u) => validate(u, t.getDefaultContext(t.unknown)),
  };
};

export const nullable = <A>(inner: Column<A>): Column<A | null> => ({
  kind: inner.kind,
  nullable: true,
  codec: orNull(inner.codec),
  toSql: (value) => (value === null ? null : inner.toSql(value)),
});
