import Database from 'better-sqlite3';

export interface Payment {
  readonly payoutId: string;
  readonly clientId: string;
  readonly amount: string;
  readonly status: 'completed' | 'failed';
  readonly reason: string | null;
  readonly at: string;
}

/**
 * The service's own record of what it paid, in its SQLite file. `payoutId` is the primary key:
 * a payout delivered again (the relay is at least once) is never paid twice; its recorded
 * result is answered again instead.
 */
export class Payments {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS payments (
      payout_id TEXT PRIMARY KEY,
      client_id TEXT NOT NULL,
      amount TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('completed', 'failed')),
      reason TEXT,
      at TEXT NOT NULL
    )`);
  }

  /** Records the payment unless its id is known; returns what is recorded for the id. */
  payOnce(payment: Payment): { readonly payment: Payment; readonly isNew: boolean } {
    const inserted = this.db
      .prepare(
        `INSERT INTO payments (payout_id, client_id, amount, status, reason, at)
         VALUES (@payoutId, @clientId, @amount, @status, @reason, @at) ON CONFLICT DO NOTHING`,
      )
      .run(payment);
    return { payment: this.find(payment.payoutId) as Payment, isNew: inserted.changes === 1 };
  }

  find(payoutId: string): Payment | undefined {
    const row = this.db
      .prepare(
        `SELECT payout_id AS payoutId, client_id AS clientId, amount, status, reason, at
         FROM payments WHERE payout_id = ?`,
      )
      .get(payoutId) as Payment | undefined;
    return row;
  }

  all(): Payment[] {
    return this.db
      .prepare(
        `SELECT payout_id AS payoutId, client_id AS clientId, amount, status, reason, at
         FROM payments ORDER BY payout_id`,
      )
      .all() as Payment[];
  }

  close(): void {
    this.db.close();
  }
}
