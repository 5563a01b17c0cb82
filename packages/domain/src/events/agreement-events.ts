import * as t from 'io-ts';
import { At, DecimalValue, Id, NullableId } from './fields';

/** Facts of the `agreements` stream: what partners and the broker agreed, and when. */

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.exact(t.type({ type: t.literal(type), ...props }), type);

export const PartnerRegistered = event('PartnerRegistered', {
  partnerId: Id,
  model: Id,
  /** The partner it is a sub-partner of (fixed at registration), or null. Version 2. */
  parentId: NullableId,
  at: At,
});

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
  /** null: every symbol of the account type. Version 2. */
  symbol: NullableId,
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

/** Broker-wide hold: a payout run pays only rebates of trades closed `days` before it. */
export const PayoutHoldSet = event('PayoutHoldSet', { days: t.number, at: At });

/** Minimum seconds a trade must be held to earn; null partnerId: the broker-wide minimum. */
export const QualificationSet = event('QualificationSet', {
  partnerId: NullableId,
  minHoldSeconds: t.number,
  at: At,
});

/** The percent of a direct sub-partner's share passed up to partnerId; null childId: the default. */
export const OverrideRateSet = event('OverrideRateSet', {
  partnerId: Id,
  childId: NullableId,
  percent: DecimalValue,
  at: At,
});

export const AgreementEvent = t.union([
  PartnerRegistered,
  ClientAttached,
  RemunerationSet,
  RebateRateSet,
  RebatesSuspended,
  RebatesResumed,
  RebatesCancelled,
  PayoutHoldSet,
  QualificationSet,
  OverrideRateSet,
]);

export type PartnerRegistered = t.TypeOf<typeof PartnerRegistered>;
export type ClientAttached = t.TypeOf<typeof ClientAttached>;
export type RemunerationSet = t.TypeOf<typeof RemunerationSet>;
export type RebateRateSet = t.TypeOf<typeof RebateRateSet>;
export type RebatesSuspended = t.TypeOf<typeof RebatesSuspended>;
export type RebatesResumed = t.TypeOf<typeof RebatesResumed>;
export type RebatesCancelled = t.TypeOf<typeof RebatesCancelled>;
export type PayoutHoldSet = t.TypeOf<typeof PayoutHoldSet>;
export type QualificationSet = t.TypeOf<typeof QualificationSet>;
export type OverrideRateSet = t.TypeOf<typeof OverrideRateSet>;
export type AgreementEvent = t.TypeOf<typeof AgreementEvent>;
