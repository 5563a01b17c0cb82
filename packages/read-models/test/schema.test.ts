import Database from 'better-sqlite3';
import { Decimal } from '@rebate/domain';
import { Client } from 'pg';
import { selectByKeys, upsertRows } from '../src/storage/batched';
import { checkpointsTable } from '../src/storage/checkpoints-table';
import { type AnyTableDef, type ColumnKind, snakeCase } from '../src/storage/schema';
import { ALL } from './support/projections';
import { SETUPS } from './support/setups';

/**
 * Each table is defined once in code (`defineTable`, from which its Kysely type comes); the
 * migrations create it. This compares the two on both databases: the same tables, columns,
 * types, nullability and primary keys.
 */

interface ColumnShape {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}
interface TableShape {
  readonly columns: ColumnShape[];
  readonly key: string[];
}

const TYPES: Readonly<Record<'sqlite' | 'postgres', Readonly<Record<ColumnKind, string>>>> = {
  sqlite: {
    text: 'TEXT',
    decimal: 'TEXT',
    integer: 'INTEGER',
    position: 'INTEGER',
    boolean: 'INTEGER',
  },
  postgres: {
    text: 'text',
    decimal: 'numeric',
    integer: 'bigint',
    position: 'bigint',
    boolean: 'boolean',
  },
};

/** Tables of the storage itself, not of a projection. */
const INFRASTRUCTURE = ['schema_migrations', 'projection_leases'];

const CODE_TABLES: readonly AnyTableDef[] = [checkpointsTable, ...ALL.flatMap((p) => p.tables)];

const byName = (a: ColumnShape, b: ColumnShape) => (a.name < b.name ? -1 : 1);

const expected = (table: AnyTableDef, database: 'sqlite' | 'postgres'): TableShape => ({
  columns: Object.entries(table.columns)
    .map(([prop, column]) => ({
      name: snakeCase(prop),
      type: TYPES[database][column.kind],
      nullable: column.nullable,
    }))
    .sort(byName),
  key: table.key.map(snakeCase),
});

const sqliteShapes = (path: string): Map<string, TableShape> => {
  const db = new Database(path, { readonly: true });
  try {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return new Map(
      names.map(({ name }) => {
        const info = db.prepare(`PRAGMA table_info("${name}")`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[];
        return [
          name,
          {
            columns: info
              .map((column) => ({
                name: column.name,
                type: column.type,
                nullable: column.notnull === 0 && column.pk === 0,
              }))
              .sort(byName),
            key: info
              .filter((column) => column.pk > 0)
              .sort((a, b) => a.pk - b.pk)
              .map((column) => column.name),
          },
        ];
      }),
    );
  } finally {
    db.close();
  }
};

const postgresShapes = async (url: string, schema: string): Promise<Map<string, TableShape>> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = $1`,
      [schema],
    );
    const keys = await client.query<{ table_name: string; column_name: string }>(
      `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
         JOIN information_schema.key_column_usage k
           ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
        WHERE c.table_schema = $1 AND c.constraint_type = 'PRIMARY KEY'
        ORDER BY k.table_name, k.ordinal_position`,
      [schema],
    );
    const shapes = new Map<string, TableShape>();
    for (const row of columns.rows) {
      const shape = shapes.get(row.table_name) ?? { columns: [], key: [] };
      shape.columns.push({
        name: row.column_name,
        type: row.data_type,
        nullable: row.is_nullable === 'YES',
      });
      shapes.set(row.table_name, shape);
    }
    for (const row of keys.rows) shapes.get(row.table_name)?.key.push(row.column_name);
    for (const shape of shapes.values()) shape.columns.sort(byName);
    return shapes;
  } finally {
    await client.end();
  }
};

describe.each(SETUPS)('read-model schema on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('the migrations create exactly the tables the code defines, column for column', async () => {
    const storage = await setup.openStorage({ file: true });
    await storage.close();
    const location = setup.opened[setup.opened.length - 1];
    const shapes =
      location?.kind === 'sqlite-storage'
        ? sqliteShapes(location.path)
        : location?.kind === 'postgres-storage'
          ? await postgresShapes(location.url, location.schema)
          : new Map<string, TableShape>();
    for (const name of INFRASTRUCTURE) shapes.delete(name);
    expect([...shapes.keys()].sort()).toEqual(CODE_TABLES.map((table) => table.sqlName).sort());
    for (const table of CODE_TABLES) {
      expect({ table: table.sqlName, ...shapes.get(table.sqlName) }).toEqual({
        table: table.sqlName,
        ...expected(table, setup.name),
      });
    }
  });
});

/** A row of every column kind: a value that must come back exactly (nullable: null). */
const sampleRow = (table: AnyTableDef, seed: number): Record<string, unknown> => {
  const values: Record<ColumnKind, unknown> = {
    text: `t-${seed}-é`,
    decimal: Decimal(`-12345678901234567890.000000000${seed}`),
    integer: 2 ** 40 + seed,
    position: 2n ** 62n + BigInt(seed),
    boolean: seed % 2 === 0,
  };
  return Object.fromEntries(
    Object.entries(table.columns).map(([prop, column]) => [
      prop,
      column.nullable && seed % 2 === 1 ? null : values[column.kind],
    ]),
  );
};

describe.each(SETUPS)('read-model tables through Kysely on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('every table round-trips rows written and read by its definition, shadows too', async () => {
    const storage = await setup.openStorage();
    try {
      const names = CODE_TABLES.map((table) => table.sqlName);
      await storage.shadows.create(names, '_shape');
      const shadow = storage.shadows.view(names, '_shape');
      for (const table of CODE_TABLES) {
        const rows = [sampleRow(table, 1), sampleRow(table, 2)];
        const typed = table as unknown as Parameters<typeof upsertRows>[1];
        for (const target of [storage, shadow]) {
          await target.transaction((tx) => upsertRows(tx.db, typed, rows as never[]));
          const back = await target.read((db) => selectByKeys(db, typed, rows as never[]));
          const sortByKey = (list: readonly object[]) =>
            [...list].sort((a, b) =>
              JSON.stringify(sampleKey(table, a)) < JSON.stringify(sampleKey(table, b)) ? -1 : 1,
            );
          expect(canonical(sortByKey(back))).toEqual(canonical(sortByKey(rows)));
        }
      }
    } finally {
      await storage.close();
    }
  });
});

const sampleKey = (table: AnyTableDef, row: object): unknown[] =>
  table.key.map((prop) => String((row as Record<string, unknown>)[prop]));

const canonical = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner)),
  );
