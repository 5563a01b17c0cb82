import { type Big, type Instant, ZERO, instantSortKey } from '@rebate/domain';

/**
 * The live rebates of one client part by close time, for the payable of a run with a hold
 * (rules, section 10): the sum of those closed at or before a cutoff. Runs usually come in time
 * order, so the sum up to the last cutoff asked is kept (`settled`), and only the accruals closed
 * after it (`recent`) are looked at again: each accrual is scanned about once, not once per run.
 * A cutoff earlier than the last one (a scenario's runs out of time order) scans everything.
 */
export class HeldRebates {
  /** Sort key of the last cutoff asked; accruals at or before it are in `settled`. */
  private settledKey: string | undefined;
  private settled: Big = ZERO;
  private readonly older = new Map<string, { readonly key: string; readonly rebate: Big }>();
  private readonly recent = new Map<string, { readonly key: string; readonly rebate: Big }>();

  add(tradeId: string, closedAt: Instant, rebate: Big): void {
    const key = instantSortKey(closedAt);
    if (this.settledKey !== undefined && key <= this.settledKey) {
      this.older.set(tradeId, { key, rebate });
      this.settled = this.settled.plus(rebate);
    } else {
      this.recent.set(tradeId, { key, rebate });
    }
  }

  /** A voided trade's rebate leaves the sum at once, whenever it closed. */
  remove(tradeId: string): void {
    const old = this.older.get(tradeId);
    if (old) {
      this.older.delete(tradeId);
      this.settled = this.settled.minus(old.rebate);
      return;
    }
    this.recent.delete(tradeId);
  }

  /** Live rebates of trades closed at or before `cutoff` (undefined: before every instant). */
  upTo(cutoff: Instant | undefined): Big {
    const cutoffKey = cutoff === undefined ? '' : instantSortKey(cutoff);
    if (this.settledKey !== undefined && cutoffKey < this.settledKey) {
      let sum = ZERO;
      for (const map of [this.older, this.recent])
        for (const { key, rebate } of map.values()) if (key <= cutoffKey) sum = sum.plus(rebate);
      return sum;
    }
    for (const [tradeId, accrual] of this.recent) {
      if (accrual.key > cutoffKey) continue;
      this.recent.delete(tradeId);
      this.older.set(tradeId, accrual);
      this.settled = this.settled.plus(accrual.rebate);
    }
    this.settledKey = cutoffKey;
    return this.settled;
  }
}
