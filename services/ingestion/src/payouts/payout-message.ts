import type { PayoutRequested } from '@rebate/domain';
import * as t from 'io-ts';

/**
 * The message the payout relay publishes for every payout (topic `rebates.payouts`, key =
 * clientId), versioned by `schemaVersion`. Delivery is at least once: `payoutId` is the payout
 * service's idempotency key. Documented in services/ingestion/README.md ("Payouts to Kafka").
 */
export const PayoutMessageV1 = t.exact(
  t.type({
    schemaVersion: t.literal(1),
    /** `<runId>/<clientId>`: pay each id once. */
    payoutId: t.string,
    runId: t.string,
    clientId: t.string,
    /** The client's partner at the run, or null for a client with none. */
    partnerId: t.union([t.string, t.null]),
    /** Decimal string with two decimals (cents), never a JSON number. */
    amount: t.string,
    currency: t.literal('USD'),
    /** Canonical UTC instant of the run. */
    requestedAt: t.string,
  }),
  'PayoutMessageV1',
);
export type PayoutMessageV1 = t.TypeOf<typeof PayoutMessageV1>;

/** Header holding the payout id: what the relay's read-back finds each message by. */
export const PAYOUT_ID_HEADER = 'payout-id';
/** Header holding the event's global position in the store (for tracing). */
export const EVENT_POSITION_HEADER = 'event-position';

export const toPayoutMessage = (event: PayoutRequested): PayoutMessageV1 => ({
  schemaVersion: 1,
  payoutId: event.payoutId,
  runId: event.runId,
  clientId: event.clientId,
  partnerId: event.partnerId,
  amount: event.amount.toFixed(2),
  currency: 'USD',
  requestedAt: event.at,
});
