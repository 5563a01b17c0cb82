import type { Kysely } from 'kysely';
import type { AnyTable, KeyOf, Table } from './table';
import type { ReadModelsDatabase } from './read-models-database';

/** The read models' tables as Kysely sees them (camelCase names, see storage/schema.ts). */
export type ReadModelDb = Kysely<ReadModelsDatabase>;

/**
 * The read-model storage port: what projections and queries need from a database, and no more.
 * Two adapters implement it (PostgreSQL, SQLite). Rows are typed by their `Table`; every row
 * read back is decoded by it.
 */

/** Equality on some columns, an optional range on one, an order and a limit. */
export interface Scan<R> {
  /** Equality filters; properties left undefined are ignored. */
  readonly where?: Partial<R>;
  readonly range?: ScanRange<R>;
  /** Default: the table's key. */
  readonly orderBy?: readonly (keyof R & string)[];
  readonly limit?: number;
}

/** `after` is exclusive (keyset pagination); `from` and `to` are inclusive. */
export type ScanRange<R> = {
  readonly [P in keyof R & string]: {
    readonly column: P;
    readonly after?: R[P];
    readonly from?: R[P];
    readonly to?: R[P];
  };
}[keyof R & string];

export interface RowReader {
  getMany<R, K extends keyof R & string>(
    table: Table<R, K>,
    keys: readonly KeyOf<R, K>[],
  ): Promise<readonly R[]>;
  scan<R, K extends keyof R & string>(table: Table<R, K>, scan?: Scan<R>): Promise<readonly R[]>;
  /** Where the projection has got to: the position of the last event it applied. */
  checkpoint(projection: string): Promise<bigint | undefined>;
}

export interface RowWriter extends RowReader {
  /** Kysely on this transaction's connection. */
  readonly db: ReadModelDb;
  /** Inserts or replaces rows by key. */
  put<R, K extends keyof R & string>(table: Table<R, K>, rows: readonly R[]): Promise<void>;
  delete<R, K extends keyof R & string>(
    table: Table<R, K>,
    keys: readonly KeyOf<R, K>[],
  ): Promise<void>;
  deleteAll(table: AnyTable): Promise<void>;
  /**
   * Moves the checkpoint from `expected` (undefined: none stored yet) to `next` (undefined:
   * remove it, for a rebuild). Throws CheckpointConflictError when the stored checkpoint is not
   * `expected`: another processor moved it, so this transaction must not commit.
   */
  compareAndSetCheckpoint(
    projection: string,
    expected: bigint | undefined,
    next: bigint | undefined,
  ): Promise<void>;
}

/** The right to be the one processor of a projection, until released or lost. */
export interface ProcessorClaim {
  /** Aborted when the claim is lost (connection gone, lease taken over). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface ReadModelStorage {
  readonly kind: 'postgres' | 'sqlite';
  /** Single statements, each seeing committed data. */
  readonly rows: RowReader;
  /** Statements each seeing committed data (SQLite: in the connection's turn). */
  read<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T>;
  /** Several reads that see one consistent state. */
  snapshot<T>(work: (rows: RowReader & { readonly db: ReadModelDb }) => Promise<T>): Promise<T>;
  /** All or nothing: commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (rows: RowWriter) => Promise<T>): Promise<T>;
  /** Where the projection has got to: the position of the last event it applied. */
  checkpoint(projection: string): Promise<bigint | undefined>;
  /** Every projection's checkpoint. */
  checkpoints(): Promise<ReadonlyMap<string, bigint>>;
  /** Claims the projection for this process; undefined when another processor holds it. */
  claimProcessor(projection: string): Promise<ProcessorClaim | undefined>;
  /** Versioned tables, for a rebuild beside the live ones (runner/rebuild-beside.ts). */
  readonly shadows: ShadowTables;
  close(): Promise<void>;
}

/**
 * A shadow of a table is `<name><suffix>`: the same columns, types and key, its own rows. A
 * rebuild fills shadows through `view` while the live tables keep serving, then `swap`s them in.
 */
export interface ShadowTables {
  /** Creates an empty shadow of each table (replacing any left from an earlier attempt). */
  create(tables: readonly string[], suffix: string): Promise<void>;
  /** This storage with every statement on one of `tables` going to its shadow. */
  view(tables: readonly string[], suffix: string): ReadModelStorage;
  /**
   * One transaction: moves the `live` checkpoint from `expectedLive` to `next`
   * (CheckpointConflictError when it moved meanwhile), replaces each live table by its shadow,
   * and removes the `shadow` checkpoint (which must be `next`).
   */
  swap(swap: ShadowSwap): Promise<void>;
}

export interface ShadowSwap {
  readonly live: string;
  readonly shadow: string;
  readonly expectedLive: bigint | undefined;
  readonly next: bigint | undefined;
  readonly tables: readonly string[];
  readonly suffix: string;
}

export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
  constructor(
    readonly projection: string,
    readonly expected: bigint | undefined,
  ) {
    super(
      `checkpoint of projection ${projection} is no longer ${expected ?? 'unset'}: another processor moved it`,
    );
  }
}
