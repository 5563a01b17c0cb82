import type { EventStore } from '@rebate/event-store';
import { type Big, type Instant, payableAmountOf, payoutWindowAt } from '@rebate/domain';
import { AgreementCache } from '../commands/agreement-cache';
import type { BalanceSource } from '../commands/ledger-commands';

/** What a run at an instant would pay one client (not suspended, before the minimum). */
export interface ClientPayableNow {
  readonly amount: Big;
  /** The payable per partner the client earned under, in the run's window (not rounded). */
  readonly parts: ReadonlyMap<string, Big>;
}

/**
 * Payable now, the hold applied (rules, section 10): from the same payables and the same
 * rounding a payout run uses, so a client view never promises what a run would not pay. The
 * read models keep no close instants and cannot apply a hold's cutoff; this can.
 */
export class PayableNow {
  private readonly agreements: AgreementCache;

  constructor(
    store: EventStore,
    private readonly balances: BalanceSource,
  ) {
    this.agreements = new AgreementCache(store);
  }

  async at(at: Instant): Promise<ReadonlyMap<string, ClientPayableNow>> {
    const book = await this.agreements.catchUp();
    const { payables } = await this.balances.payables(payoutWindowAt(book, at));
    return new Map(
      [...payables].map((payable) => [
        payable.clientId,
        { amount: payableAmountOf(payable.parts.values()), parts: payable.parts },
      ]),
    );
  }
}
