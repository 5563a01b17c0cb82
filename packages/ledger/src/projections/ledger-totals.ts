import type { EventStore, RecordedEvent } from '@rebate/event-store';
import {
  type Big,
  type ClientAccount,
  type ClientPayable,
  type LedgerEvent,
  type PartnerTotals,
  type PayoutRequested,
  type PayoutStatus,
  type PayoutWindow,
  type RebateAccrued,
  type RebateReversed,
  ZERO,
  applyPartnerShare,
  applyToClientAccount,
  balanceOf,
  emptyClientAccount,
  emptyPartnerTotals,
  partnerSharesOf,
} from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';
import { HeldRebates } from './held-rebates';

/** A client's account with one partner: what it earned there, and what was paid from it. */
interface ClientPart {
  rebates: Big;
  paidOut: Big;
  /** Live rebates by close time, for the payable of a run with a hold (rules, section 10). */
  readonly held: HeldRebates;
}

/**
 * Partner totals, client accounts (in total and per partner) and the payouts made, folded from
 * every event in global order. The in-memory read model of the embedded path (`rebate
 * simulate`, audits); the SQL read models apply the same row functions.
 */
export class LedgerTotals {
  readonly partners = new Map<string, PartnerTotals>();
  readonly clients = new Map<string, ClientAccount>();
  readonly payouts: PayoutRequested[] = [];
  readonly payoutStatus = new Map<string, PayoutStatus>();
  private readonly parts = new Map<string, Map<string, ClientPart>>();
  unattributed = 0;
  unqualified = 0;
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
        this.applyTrade(event);
        return;
      case 'PayoutRequested':
        this.payouts.push(event);
        this.payoutStatus.set(event.payoutId, 'requested');
        this.applyPayout(event, event.allocations, 1);
        return;
      case 'PayoutFailed':
        this.payoutStatus.set(event.payoutId, 'failed');
        this.applyPayout(event, event.allocations, -1);
        return;
      case 'PayoutCompleted':
        this.payoutStatus.set(event.payoutId, 'completed');
        return;
      case 'TradeUnattributed':
        this.unattributed += 1;
        return;
      default:
        return; // terms changes, runs and voided unattributed trades move no totals
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

  /** What each client may be paid in a run's window, per partner it earned under. */
  payables(window: PayoutWindow): ClientPayable[] {
    return [...this.parts].map(([clientId, parts]) => ({
      clientId,
      parts: new Map(
        [...parts].map(([partnerId, part]) => [partnerId, payableOf(part, window)] as const),
      ),
    }));
  }

  /** A client's balance earned under one partner (rebates - paid from that part). */
  partBalance(clientId: string, partnerId: string): Big {
    const part = this.parts.get(clientId)?.get(partnerId);
    return part ? part.rebates.minus(part.paidOut) : ZERO;
  }

  balanceOf(clientId: string): Big {
    const account = this.clients.get(clientId);
    return account ? balanceOf(account) : ZERO;
  }

  private applyTrade(event: RebateAccrued | RebateReversed): void {
    for (const share of partnerSharesOf(event)) {
      this.partners.set(
        share.partnerId,
        applyPartnerShare(
          this.partners.get(share.partnerId) ?? emptyPartnerTotals(share.partnerId),
          share,
        ),
      );
    }
    this.updateClient(event.clientId, (account) => applyToClientAccount(account, event));
    const part = this.part(event.clientId, event.partnerId);
    const qualified =
      event.type === 'RebateAccrued' ? event.qualification.qualified : event.qualified;
    if (event.type === 'RebateAccrued') {
      part.rebates = part.rebates.plus(event.rebate);
      part.held.add(event.tradeId, event.closedAt, event.rebate);
      if (!qualified) this.unqualified += 1;
    } else {
      part.rebates = part.rebates.minus(event.rebate);
      part.held.remove(event.tradeId);
      if (!qualified) this.unqualified -= 1;
    }
  }

  private applyPayout(
    event: { readonly clientId: string; readonly amount: Big },
    allocations: readonly { readonly partnerId: string; readonly amount: Big }[],
    sign: 1 | -1,
  ): void {
    this.updateClient(event.clientId, (account) => ({
      ...account,
      paidOut:
        sign === 1 ? account.paidOut.plus(event.amount) : account.paidOut.minus(event.amount),
    }));
    for (const allocation of allocations) {
      const part = this.part(event.clientId, allocation.partnerId);
      part.paidOut =
        sign === 1 ? part.paidOut.plus(allocation.amount) : part.paidOut.minus(allocation.amount);
    }
  }

  private part(clientId: string, partnerId: string): ClientPart {
    let parts = this.parts.get(clientId);
    if (!parts) this.parts.set(clientId, (parts = new Map()));
    let part = parts.get(partnerId);
    if (!part)
      parts.set(partnerId, (part = { rebates: ZERO, paidOut: ZERO, held: new HeldRebates() }));
    return part;
  }

  private updateClient(clientId: string, update: (account: ClientAccount) => ClientAccount) {
    this.clients.set(
      clientId,
      update(this.clients.get(clientId) ?? emptyClientAccount(clientId, null)),
    );
  }
}

/** Rebates of live trades in the window, minus what was paid from the part. */
const payableOf = (part: ClientPart, window: PayoutWindow): Big =>
  window.holdDays === 0
    ? part.rebates.minus(part.paidOut)
    : part.held.upTo(window.cutoff ?? undefined).minus(part.paidOut);
