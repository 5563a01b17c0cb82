import type { Pool } from 'pg';
import { sql } from 'kysely';
import { inTransaction } from '@rebate/sql';
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
import { ShadowTablesPlugin, checkSuffix } from '../storage/shadow-tables';
import { claimAdvisoryLock } from './processor-lock';

/** The read models in one PostgreSQL schema, over a connection pool. */
export class PostgresReadModelStorage implements ReadModelStorage {
  readonly kind = 'postgres';

  readonly shadows: ShadowTables;

  constructor(
    private readonly pool: Pool,
    /** Kysely over the pool, in the schema. */
    private readonly db: ReadModelDb,
    private readonly connectionString: string,
    private readonly schema: string,
    /** A view over another storage's pool does not end it. */
    private readonly ownsPool = true,
  ) {
    this.shadows = {
      create: (tables, suffix) => this.createShadows(tables, checkSuffix(suffix)),
      view: (tables, suffix) =>
        new PostgresReadModelStorage(
          pool,
          db.withPlugin(new ShadowTablesPlugin(tables, suffix)),
          connectionString,
          schema,
          false,
        ),
      swap: (swap) => this.swapShadows(swap),
    };
  }

  private quoted(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  private createShadows(tables: readonly string[], suffix: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      for (const table of tables) {
        const shadow = this.quoted(`${table}${suffix}`);
        await client.query(`DROP TABLE IF EXISTS ${shadow}`);
        // Columns, types, collations, key and indexes of the live table.
        await client.query(`CREATE TABLE ${shadow} (LIKE ${this.quoted(table)} INCLUDING ALL)`);
      }
    });
  }

  /**
   * The live checkpoint's row lock is taken first, so the live processor's next batch (which
   * starts with its compare-and-set) waits, then carries on against the swapped tables.
   */
  private swapShadows(swap: ShadowSwap): Promise<void> {
    const suffix = checkSuffix(swap.suffix);
    return this.db.transaction().execute(async (trx) => {
      await compareAndSetCheckpoint(trx, swap.live, swap.expectedLive, swap.next);
      for (const table of swap.tables) {
        await sql.raw(`DROP TABLE ${this.quoted(table)}`).execute(trx);
        await sql
          .raw(`ALTER TABLE ${this.quoted(`${table}${suffix}`)} RENAME TO "${table}"`)
          .execute(trx);
      }
      await compareAndSetCheckpoint(trx, swap.shadow, swap.next, undefined);
    });
  }

  read<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T> {
    return work(this.db);
  }

  snapshot<T>(work: (db: ReadModelDb) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => work(trx));
  }

  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    // READ COMMITTED is enough: one processor writes a projection's tables, and the checkpoint
    // compare-and-set (a row lock) serialises any second one. No wait for the WAL flush: a
    // server crash may lose the last commits, but rows and checkpoint together (one
    // transaction), so the projection applies those events again. The events are in the store.
    return this.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
      return work(transactionOn(trx));
    });
  }

  checkpoint(projection: string): Promise<bigint | undefined> {
    return readCheckpoint(this.db, projection);
  }

  checkpoints(): Promise<ReadonlyMap<string, bigint>> {
    return readCheckpoints(this.db);
  }

  claimProcessor(projection: string): Promise<ProcessorClaim | undefined> {
    return claimAdvisoryLock(this.connectionString, this.schema, projection);
  }

  async close(): Promise<void> {
    // Kysely holds nothing but this pool.
    if (this.ownsPool) await this.pool.end();
  }
}
