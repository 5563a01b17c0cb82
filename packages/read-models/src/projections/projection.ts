import type { LedgerEvent } from '@rebate/domain';
import type { ReadModelDb } from '../storage/port';
import type { AnyTableDef } from '../storage/schema';

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
  readonly tables: readonly AnyTableDef[];
  /**
   * Folds a batch of events into its tables, inside the batch's transaction (`db` is bound to
   * it): a few reads of the rows the batch touches, then a few multi-row writes.
   */
  applyBatch(events: readonly PositionedEvent[], db: ReadModelDb): Promise<void>;
}
