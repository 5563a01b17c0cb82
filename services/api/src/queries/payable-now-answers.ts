import { type Instant, ZERO, formatDecimal, payableAmountOf } from '@rebate/domain';
import type { ClientPayableNow } from '@rebate/ledger';
import type { ClientBalance } from '@rebate/read-models';
import type { Principal } from '../auth/principal';

/** The ledger's payables as the client views read them (a `PayableNow` over the store). */
export interface PayableNowSource {
  at(at: Instant): Promise<ReadonlyMap<string, ClientPayableNow>>;
}

/**
 * A partner sees only its own part, rounded as a run rounds: never a figure that depends on
 * another partner's part (no subtraction reveals it); staff see the client's whole payable.
 */
const amountFor = (payable: ClientPayableNow | undefined, principal: Principal | undefined) => {
  if (payable === undefined) return ZERO;
  if (principal?.role !== 'partner') return payable.amount;
  return payableAmountOf([payable.parts.get(principal.partnerId) ?? ZERO]);
};

/**
 * Client views with `pendingPayout` = payable now, the hold applied: what a run now would pay
 * (before its minimum and the suspension switches). Without a source, the read model's figure
 * (the balance rounded down to cents, hold not applied) stays.
 */
export const withPayableNow = async <C extends ClientBalance>(
  clients: readonly C[],
  source: PayableNowSource | undefined,
  at: Instant,
  principal: Principal | undefined,
): Promise<C[]> => {
  if (source === undefined || clients.length === 0) return [...clients];
  const payables = await source.at(at);
  return clients.map((client) => ({
    ...client,
    pendingPayout: formatDecimal(amountFor(payables.get(client.clientId), principal)),
  }));
};
