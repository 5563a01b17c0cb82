import type { LedgerEvent } from '@rebate/domain';
import type { AnyTable } from '../storage/table';
import type { WorkingSet } from '../storage/working-set';

export interface PositionedEvent {
  readonly event: LedgerEvent;
  /** Global position of the event in the store. */
  readonly position: bigint;
}

/**
 * A projection folds every event, in global order, into its own tables. It sees every event
 * (those it ignores too), so its checkpoint always reaches the head of the store.
 */
export interface Projection {
  readonly name: string;
  /** Its tables, all cleared by a rebuild. */
  readonly tables: readonly AnyTable[];
  /** Loads the rows a batch will read in one query per table. A speed-up only: optional. */
  prefetch?(events: readonly PositionedEvent[], rows: WorkingSet): Promise<void>;
  apply(event: PositionedEvent, rows: WorkingSet): Promise<void>;
}
