import type { EventStore } from '@rebate/event-store';
import { LedgerCommands } from '@rebate/ledger';

/**
 * One `LedgerCommands` per batch in flight. Its agreement cache catches up with an unguarded
 * read-then-fold, so two concurrent calls on ONE instance could fold the same agreement event
 * twice; with `KAFKA_PARTITIONS_CONCURRENTLY` > 1 each concurrent batch borrows its own.
 */
export class LedgerLanes {
  private readonly idle: LedgerCommands[] = [];

  constructor(private readonly store: EventStore) {}

  async with<T>(use: (ledger: LedgerCommands) => Promise<T>): Promise<T> {
    const ledger = this.idle.pop() ?? new LedgerCommands(this.store, noPayouts);
    try {
      return await use(ledger);
    } finally {
      this.idle.push(ledger);
    }
  }
}

/** Ingestion never runs payouts; balances are not needed. */
const noPayouts = {
  payables: (): never => {
    throw new Error('the ingestion service does not run payouts');
  },
};
