import type { RowWriter, Scan } from './port';
import type { KeyOf, Table } from './table';

/**
 * The rows one batch of events reads and changes, kept in memory for the batch: each row is
 * loaded at most once (prefetched in one query per table when the projection can say which),
 * changed any number of times, and written once at the end, in the batch's transaction.
 */

type AnyRow = object;

interface TableState {
  readonly table: Table<AnyRow, string & keyof AnyRow>;
  /** Rows as they are now in this batch; undefined: known to be absent. */
  readonly rows: Map<string, AnyRow | undefined>;
  readonly changed: Set<string>;
}

const keyText = (values: readonly unknown[]): string =>
  JSON.stringify(values, (_, value: unknown) =>
    typeof value === 'bigint' ? `${value.toString()}n` : value,
  );

export class WorkingSet {
  private readonly tables = new Map<string, TableState>();

  constructor(private readonly writer: RowWriter) {}

  /** Loads the rows of these keys that are not known yet, in one query. */
  async load<R, K extends keyof R & string>(
    table: Table<R, K>,
    keys: readonly KeyOf<R, K>[],
  ): Promise<void> {
    const state = this.stateOf(table);
    const missing = new Map<string, KeyOf<R, K>>();
    for (const key of keys) {
      const text = this.keyOf(table, key);
      if (!state.rows.has(text)) missing.set(text, key);
    }
    if (missing.size === 0) return;
    const found = await this.writer.getMany(table, [...missing.values()]);
    for (const text of missing.keys()) state.rows.set(text, undefined);
    for (const row of found) state.rows.set(this.keyOf(table, row), row as AnyRow);
  }

  async get<R, K extends keyof R & string>(
    table: Table<R, K>,
    key: KeyOf<R, K>,
  ): Promise<R | undefined> {
    await this.load(table, [key]);
    return this.stateOf(table).rows.get(this.keyOf(table, key)) as R | undefined;
  }

  /**
   * Rows matching `where`, as they are now in this batch: stored rows merged with the ones
   * this batch changed. Unordered. `where` compares with `===`: text, integer or null columns.
   */
  async scan<R, K extends keyof R & string>(
    table: Table<R, K>,
    where: NonNullable<Scan<R>['where']>,
  ): Promise<R[]> {
    const state = this.stateOf(table);
    for (const row of await this.writer.scan(table, { where })) {
      const text = this.keyOf(table, row);
      if (!state.rows.has(text)) state.rows.set(text, row as AnyRow);
    }
    const matches = (row: R): boolean =>
      Object.entries(where).every(
        ([prop, value]) => value === undefined || row[prop as keyof R] === value,
      );
    return [...state.rows.values()].filter(
      (row): row is R & AnyRow => row !== undefined && matches(row as R),
    );
  }

  put<R, K extends keyof R & string>(table: Table<R, K>, row: R): void {
    const state = this.stateOf(table);
    const text = this.keyOf(table, row);
    state.rows.set(text, row as AnyRow);
    state.changed.add(text);
  }

  /** Writes every changed row: one upsert per table (chunked by the adapter). */
  async flush(): Promise<void> {
    for (const state of this.tables.values()) {
      const rows = [...state.changed].map((text) => state.rows.get(text) as AnyRow);
      if (rows.length > 0) await this.writer.put(state.table, rows);
      state.changed.clear();
    }
  }

  private keyOf<R, K extends keyof R & string>(table: Table<R, K>, row: KeyOf<R, K>): string {
    return keyText(table.key.map((prop) => row[prop]));
  }

  private stateOf<R, K extends keyof R & string>(table: Table<R, K>): TableState {
    let state = this.tables.get(table.name);
    if (state === undefined) {
      state = {
        table: table as unknown as Table<AnyRow, string & keyof AnyRow>,
        rows: new Map(),
        changed: new Set(),
      };
      this.tables.set(table.name, state);
    }
    return state;
  }
}
