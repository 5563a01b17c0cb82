import * as t from 'io-ts';
import { decodeOrThrow } from '@rebate/event-store';
import type { Column, ColumnKind, SqlValue } from './columns';

/**
 * A read-model table described once: its columns (typed, with codecs), its key, and from that
 * the row type. Both adapters build their SQL from this description, and every row read back is
 * decoded by it, so a schema that drifts from the code fails loudly instead of reading garbage.
 * Row properties are camelCase; SQL columns are their snake_case forms.
 */

export type Columns = Readonly<Record<string, Column<unknown>>>;

export type RowOf<C extends Columns> = {
  readonly [P in keyof C]: C[P] extends Column<infer A> ? A : never;
};

export interface ColumnSpec {
  readonly prop: string;
  readonly sql: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

export interface Table<R, K extends keyof R & string> {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly key: readonly K[];
  /** Decodes a row as a driver returns it, with camelCase aliases (TypeError when invalid). */
  decode(raw: unknown): R;
  /** The parameter value of one property. */
  toSql<P extends keyof R & string>(prop: P, value: R[P]): SqlValue;
}

/** Any table, for code that only needs its name and columns (reset, checksums). */
export interface AnyTable {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly key: readonly string[];
  decode(raw: unknown): unknown;
}

export type KeyOf<R, K extends keyof R> = Pick<R, K>;

const snakeCase = (prop: string): string => prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const defineTable = <C extends Columns, K extends keyof C & string>(
  name: string,
  columns: C,
  key: readonly K[],
): Table<RowOf<C>, K> => {
  const specs = Object.entries(columns).map(([prop, column]) => ({
    prop,
    sql: snakeCase(prop),
    kind: column.kind,
    nullable: column.nullable,
  }));
  const props: Record<string, t.Decoder<unknown, unknown>> = {};
  for (const [prop, column] of Object.entries(columns)) props[prop] = column.codec;
  const rowCodec: t.Decoder<unknown, RowOf<C>> = {
    name: `${name} row`,
    validate: (u, c) => {
      if (typeof u !== 'object' || u === null) return t.failure(u, c, 'a row');
      const row: Record<string, unknown> = {};
      const errors: t.Errors = [];
      for (const [prop, codec] of Object.entries(props)) {
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
    columns: specs,
    key,
    decode: (raw) => decodeOrThrow(rowCodec, raw, `${name} row`),
    toSql: (prop, value) => (columns[prop] as Column<typeof value>).toSql(value),
  };
};
