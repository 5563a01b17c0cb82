import type { EventStore } from '@rebate/event-store';
import { LedgerCommands } from '@rebate/ledger';

/**
 * One `LedgerCommands` per batch in flight (`KAFKA_PARTITIONS_CONCURRENTLY` > 1), never one
 * shared by the partitions. Its agreement cache lets overlapping catch-ups share one read
 * (`StreamFold.catchUp`), so a batch that started after a terms change was committed could
 * join a read begun before it and be decided on the old book. A lane is lent to one batch at a
 * time, so the book a batch gets comes from a read that began after the batch did.
 * test/agreement-race.test.ts shows the race with one shared instance and its absence here.
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
