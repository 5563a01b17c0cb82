import type { EventStore } from '@rebate/event-store';
import { type BalanceSource, StorePayables } from '@rebate/ledger';

/**
 * What a payout run may pay: folded from the event store up to its head (a run pays what has
 * arrived by then, and never a balance an earlier run already paid), by the same code as
 * `rebate simulate` and the audit.
 */
export const projectedBalances = (store: EventStore): BalanceSource => new StorePayables(store);
