import type { Kysely } from 'kysely';
import type { ReadModelsDatabase } from './read-models-database';

/**
 * The read-model storage port: what projections and queries need from a database, and no more.
 * Two adapters implement it (PostgreSQL, SQLite). Statements are Kysely's, typed by
 * `ReadModelsDatabase` (each table defined once, storage/schema.ts); the port itself is about
 * transactions, the checkpoint compare-and-set and the one processor per projection.
 */

/** The read models' tables as Kysely sees them (camelCase names, see storage/schema.ts). */
export type ReadModelDb = Kysely<ReadModelsDatabase>;

/** One transaction: its statements, and the checkpoint moved in it. */
export interface ReadModelTransaction {
  /** Kysely bound to this transaction. */
  readonly db: ReadModelDb;
  /** Where the projection has got to, as this transaction sees it. */
  checkpoint(projection: string): Promise<bigint | undefined>;
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
  /** Statements each seeing committed data (SQLite: in the connection's turn). */
  read<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T>;
  /** Several reads that see one consistent state. */
  snapshot<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T>;
  /** All or nothing: commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T>;
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
 * Tables are named by their SQL names here.
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
