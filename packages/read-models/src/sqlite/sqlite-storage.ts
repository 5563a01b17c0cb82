import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { sleep } from '@rebate/event-store';
import {
  compareAndSetCheckpoint,
  readCheckpoint,
  readCheckpoints,
  transactionOn,
} from '../storage/checkpoints';
import type {
  ProcessorClaim,
  ReadModelDb,
  ReadModelStorage,
  ReadModelTransaction,
  ShadowSwap,
  ShadowTables,
} from '../storage/port';
import type { ReadModelsDatabase } from '../storage/read-models-database';
import { ShadowTablesPlugin, checkSuffix } from '../storage/shadow-tables';
import { SerialQueue } from './serial-queue';
import { claimSqliteLease } from './sqlite-lease';

/** By its code, not `instanceof`: the error may come from another realm (a test sandbox). */
const isBusy = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('SQLITE_BUSY');

/**
 * The connection as Kysely's SqliteDialect takes it, keeping prepared statements by their text:
 * Kysely prepares every query anew, and a batch's statements repeat (same number of rows, same
 * SQL). Bounded, since statements differ in their number of rows.
 */
class PreparedStatements {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** After a schema change (a shadow swapped in). */
  clear(): void {
    this.statements.clear();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The read models in one SQLite database (WAL). better-sqlite3 is synchronous; transactions
 * span awaits, so every use of the connection goes through one queue.
 */
export class SqliteReadModelStorage implements ReadModelStorage {
  readonly kind = 'sqlite';
  readonly shadows: ShadowTables;
  constructor(
    private readonly db: Database,
    private readonly options: { readonly leaseMs: number; readonly busyTimeoutMs: number },
    /** A view shares its storage's one connection, and so its queue. */
    private readonly queue = new SerialQueue(),
    private readonly prepared = new PreparedStatements(db),
    /**
     * Kysely on the same connection. Transactions are this class's own (BEGIN IMMEDIATE with an
     * async wait, in the queue's turn), so Kysely's are never used: every statement it runs
     * inside `work` is part of the transaction in progress.
     */
    private readonly kysely: ReadModelDb = new Kysely<ReadModelsDatabase>({
      dialect: new SqliteDialect({ database: prepared }),
      plugins: [new CamelCasePlugin()],
    }),
    private readonly ownsConnection = true,
  ) {
    this.shadows = {
      create: (tables, suffix) => this.createShadows(tables, checkSuffix(suffix)),
      view: (tables, suffix) =>
        new SqliteReadModelStorage(
          db,
          options,
          this.queue,
          prepared,
          kysely.withPlugin(new ShadowTablesPlugin(tables, suffix)),
          false,
        ),
      swap: (swap) => this.swapShadows(swap),
    };
  }

  private schemaSql(type: 'table' | 'index', table: string): string[] {
    const rows = this.db
      .prepare('SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL')
      .all(type, table) as { sql: string }[];
    return rows.map((row) => row.sql);
  }

  /** The live table's own CREATE statement (STRICT, key and all) under the shadow's name. */
  private createShadows(tables: readonly string[], suffix: string): Promise<void> {
    return this.inTransaction('BEGIN IMMEDIATE', async () => {
      for (const table of tables) {
        const [create] = this.schemaSql('table', table);
        if (create === undefined) throw new Error(`no table ${table}`);
        this.db.exec(`DROP TABLE IF EXISTS "${table}${suffix}"`);
        this.db.exec(
          create.replace(/^CREATE TABLE\s+"?[A-Za-z0-9_]+"?/, `CREATE TABLE "${table}${suffix}"`),
        );
      }
    });
  }

  /** Indexes go with the dropped live table; they are made again, by name, on the swapped one. */
  private swapShadows(swap: ShadowSwap): Promise<void> {
    const suffix = checkSuffix(swap.suffix);
    return this.inTransaction('BEGIN IMMEDIATE', async () => {
      await compareAndSetCheckpoint(this.kysely, swap.live, swap.expectedLive, swap.next);
      for (const table of swap.tables) {
        const indexes = this.schemaSql('index', table);
        this.db.exec(`DROP TABLE "${table}"`);
        this.db.exec(`ALTER TABLE "${table}${suffix}" RENAME TO "${table}"`);
        for (const index of indexes) this.db.exec(index);
      }
      this.prepared.clear();
      await compareAndSetCheckpoint(this.kysely, swap.shadow, swap.next, undefined);
    });
  }

  read<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.kysely));
  }

  snapshot<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T> {
    // A deferred transaction that only reads sees one snapshot of the WAL.
    return this.inTransaction('BEGIN', () => work(this.kysely));
  }

  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    // IMMEDIATE takes the write lock up front, so another process's writer waits (busy timeout)
    // instead of failing half-way with SQLITE_BUSY.
    return this.inTransaction('BEGIN IMMEDIATE', () => work(transactionOn(this.kysely)));
  }

  checkpoint(projection: string): Promise<bigint | undefined> {
    return this.queue.run(() => readCheckpoint(this.kysely, projection));
  }

  checkpoints(): Promise<ReadonlyMap<string, bigint>> {
    return this.queue.run(() => readCheckpoints(this.kysely));
  }

  claimProcessor(projection: string): Promise<ProcessorClaim | undefined> {
    return claimSqliteLease(
      this.db,
      (work) => this.inTransaction('BEGIN IMMEDIATE', async () => work()),
      projection,
      // An owner per claim: a second claim from this same process must wait its turn too.
      { owner: `${process.pid}:${randomUUID()}`, leaseMs: this.options.leaseMs },
    );
  }

  async close(): Promise<void> {
    // Kysely holds nothing but this connection.
    if (this.ownsConnection) await this.queue.run(async () => this.db.close());
  }

  private inTransaction<T>(begin: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.begin(begin);
      try {
        const result = await work();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * BEGIN IMMEDIATE waits for another connection's write transaction. SQLite's busy handler
   * would wait synchronously, freezing the event loop: the API's requests, and, when that other
   * connection is in this same process, the very transaction it waits for. So each try fails at
   * once and the wait is an async sleep.
   */
  private async begin(statement: string): Promise<void> {
    const deadline = Date.now() + this.options.busyTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      this.db.pragma('busy_timeout = 0');
      try {
        this.db.exec(statement);
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${this.options.busyTimeoutMs}`);
      }
      await sleep(Math.min(50, 2 ** attempt));
    }
  }
}
