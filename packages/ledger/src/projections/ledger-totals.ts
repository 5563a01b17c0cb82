import type { EventStore, RecordedEvent } from '@rebate/event-store';
import {
  type ClientAccount,
  type ClientBalance,
  type LedgerEvent,
  type PartnerTotals,
  type PayoutRequested,
  applyToClientAccount,
  applyToPartnerTotals,
  balanceOf,
  emptyClientAccount,
  emptyPartnerTotals,
} from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';

/**
 * Partner totals, client accounts and the payouts made, folded from every event in global
 * order. The in-memory read model of the embedded path (`rebate simulate`, audits); the SQL read
 * models apply the same row functions.
 */
export class LedgerTotals {
  readonly partners = new Map<string, PartnerTotals>();
  readonly clients = new Map<string, ClientAccount>();
  readonly payouts: PayoutRequested[] = [];
  unattributed = 0;
  checkpoint: bigint | undefined;

  apply(event: LedgerEvent): void {
    switch (event.type) {
      case 'PartnerRegistered':
        this.partners.set(event.partnerId, emptyPartnerTotals(event.partnerId));
        return;
      case 'ClientAttached': {
        const account = this.clients.get(event.clientId);
        this.clients.set(
          event.clientId,
          account
            ? { ...account, partnerId: event.partnerId }
            : emptyClientAccount(event.clientId, event.partnerId),
        );
        return;
      }
      case 'RebateAccrued':
      case 'RebateReversed':
        this.updatePartner(event.partnerId, (totals) => applyToPartnerTotals(totals, event));
        this.updateClient(event.clientId, (account) => applyToClientAccount(account, event));
        return;
      case 'PayoutRequested':
        this.payouts.push(event);
        this.updateClient(event.clientId, (account) => applyToClientAccount(account, event));
        return;
      case 'TradeUnattributed':
        this.unattributed += 1;
        return;
      default:
        return; // terms changes and voided unattributed trades move no totals
    }
  }

  applyRecorded(recorded: RecordedEvent): void {
    this.apply(fromRecorded(recorded));
    this.checkpoint = recorded.position;
  }

  /** Reads every event after the checkpoint. */
  async catchUp(store: EventStore): Promise<void> {
    for await (const recorded of store.readAll({ after: this.checkpoint })) {
      this.applyRecorded(recorded);
    }
  }

  balances(): ClientBalance[] {
    return [...this.clients.values()].map((account) => ({
      clientId: account.clientId,
      balance: balanceOf(account),
    }));
  }

  private updatePartner(partnerId: string, update: (totals: PartnerTotals) => PartnerTotals) {
    this.partners.set(
      partnerId,
      update(this.partners.get(partnerId) ?? emptyPartnerTotals(partnerId)),
    );
  }

  private updateClient(clientId: string, update: (account: ClientAccount) => ClientAccount) {
    this.clients.set(
      clientId,
      update(this.clients.get(clientId) ?? emptyClientAccount(clientId, null)),
    );
  }
}
