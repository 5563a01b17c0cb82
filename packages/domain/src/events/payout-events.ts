import * as t from 'io-ts';
import { At, DecimalValue, Id, NullableId } from './fields';

/** Facts of the `payouts` stream, which the downstream payout service subscribes to. */

export const PayoutRequested = t.exact(
  t.type({
    type: t.literal('PayoutRequested'),
    clientId: Id,
    /** The partner the client was attached to at the run's time, if any. */
    partnerId: NullableId,
    amount: DecimalValue,
    /** Balance before this payout; what is left (balanceBefore - amount) is under a cent. */
    balanceBefore: DecimalValue,
    minimumUsd: DecimalValue,
    at: At,
  }),
  'PayoutRequested',
);

export type PayoutRequested = t.TypeOf<typeof PayoutRequested>;
export const PayoutEvent = PayoutRequested;
export type PayoutEvent = PayoutRequested;
