import * as t from 'io-ts';
import { At, DecimalValue, Id, NullableId } from './fields';

/** Facts of the `agreements` stream: what partners and the broker agreed, and when. */

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.exact(t.type({ type: t.literal(type), ...props }), type);

export const PartnerRegistered = event('PartnerRegistered', { partnerId: Id, model: Id, at: At });

export const ClientAttached = event('ClientAttached', {
  partnerId: Id,
  clientId: Id,
  /** The partner the client was attached to just before; equal to partnerId for a no-op. */
  previousPartnerId: NullableId,
  at: At,
});

export const RemunerationSet = event('RemunerationSet', {
  accountType: Id,
  usdPerLot: DecimalValue,
  /** null: the broker-wide schedule. */
  partnerId: NullableId,
  at: At,
});

export const RebateRateSet = event('RebateRateSet', {
  partnerId: Id,
  /** null: the partner's default rate. */
  clientId: NullableId,
  percent: DecimalValue,
  at: At,
});

const switchProps = { partnerId: Id, clientId: NullableId, at: At };
export const RebatesSuspended = event('RebatesSuspended', switchProps);
export const RebatesResumed = event('RebatesResumed', switchProps);
export const RebatesCancelled = event('RebatesCancelled', switchProps);

export const AgreementEvent = t.union([
  PartnerRegistered,
  ClientAttached,
  RemunerationSet,
  RebateRateSet,
  RebatesSuspended,
  RebatesResumed,
  RebatesCancelled,
]);

export type PartnerRegistered = t.TypeOf<typeof PartnerRegistered>;
export type ClientAttached = t.TypeOf<typeof ClientAttached>;
export type RemunerationSet = t.TypeOf<typeof RemunerationSet>;
export type RebateRateSet = t.TypeOf<typeof RebateRateSet>;
export type RebatesSuspended = t.TypeOf<typeof RebatesSuspended>;
export type RebatesResumed = t.TypeOf<typeof RebatesResumed>;
export type RebatesCancelled = t.TypeOf<typeof RebatesCancelled>;
export type AgreementEvent = t.TypeOf<typeof AgreementEvent>;
