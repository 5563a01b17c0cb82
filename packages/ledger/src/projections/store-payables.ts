import type { EventStore } from '@rebate/event-store';
import type { ClientPayable, PayoutWindow } from '@rebate/domain';
import type { BalanceSource, FoldedPayables } from '../commands/ledger-commands';
import { LedgerTotals } from './ledger-totals';

/**
 * The payables of a run folded from the event store itself, caught up to its head before every
 * run: the same code `rebate simulate` and the audit use, so every path pays the same amounts.
 * Catch-ups are serialised, so no event is folded twice.
 */
export class StorePayables implements BalanceSource {
  private readonly totals = new LedgerTotals();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  payables(window: PayoutWindow): Promise<FoldedPayables & { payables: ClientPayable[] }> {
    const next = this.queue.then(async () => {
      await this.totals.catchUp(this.store);
      // Taken in the same turn as the fold: the position is the one these payables are at.
      return { payables: this.totals.payables(window), position: this.totals.checkpoint };
    });
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
