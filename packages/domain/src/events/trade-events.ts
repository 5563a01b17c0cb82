import * as t from 'io-ts';
import {
  At,
  DecimalValue,
  Id,
  NullableAt,
  NullableDecimalValue,
  NullableId,
  RateRule,
  RemunerationSource,
} from './fields';

/**
 * Facts of a `trade-<tradeId>` stream. An accrual carries everything an auditor needs to
 * recompute it: lots x usdPerLot = remuneration; remuneration x percent / 100 = rebate;
 * remuneration - rebate = net; and which rule picked the rate.
 */

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.exact(t.type({ type: t.literal(type), ...props }), type);

const tradeProps = {
  tradeId: Id,
  clientId: Id,
  accountType: Id,
  symbol: Id,
  accountId: NullableId,
  lots: DecimalValue,
  closedAt: At,
  /** Version 2: when the trade was opened, if upstream said (qualification, section 11). */
  openedAt: NullableAt,
};

/** The qualification applied at the trade's close (rules, section 11). */
export const Qualification = t.type({
  /** The minimum in force for the trade's partner at its close; 0 when none. */
  minHoldSeconds: t.number,
  /** closedAt - openedAt, exact; null without openedAt. */
  heldSeconds: NullableDecimalValue,
  qualified: t.boolean,
});

/** One level of the share-up cascade (section 12): `childId` passes `amount` up to `partnerId`. */
export const OverrideLevel = t.type({
  partnerId: Id,
  childId: Id,
  percent: DecimalValue,
  amount: DecimalValue,
});

export const RebateAccrued = event('RebateAccrued', {
  ...tradeProps,
  partnerId: Id,
  usdPerLot: DecimalValue,
  remunerationSource: RemunerationSource,
  remuneration: DecimalValue,
  percent: DecimalValue,
  rateRule: RateRule,
  rebate: DecimalValue,
  /** remuneration - rebate: the trade partner's share before overrides pass up. */
  net: DecimalValue,
  qualification: Qualification,
  /** The cascade, level 1 (the trade partner's parent) first. */
  overrides: t.array(OverrideLevel),
});

/** The client was attached to no partner when the trade closed: recorded, no balance changes. */
export const TradeUnattributed = event('TradeUnattributed', tradeProps);

/** A voided trade: the exact negation of its accrual. */
export const RebateReversed = event('RebateReversed', {
  tradeId: Id,
  clientId: Id,
  partnerId: Id,
  lots: DecimalValue,
  remuneration: DecimalValue,
  rebate: DecimalValue,
  net: DecimalValue,
  /** The accrual's cascade, reversed with it (amounts as accrued). */
  overrides: t.array(OverrideLevel),
  qualified: t.boolean,
  at: At,
});

export const UnattributedTradeCancelled = event('UnattributedTradeCancelled', {
  tradeId: Id,
  at: At,
});

export const TradeEvent = t.union([
  RebateAccrued,
  TradeUnattributed,
  RebateReversed,
  UnattributedTradeCancelled,
]);

export type Qualification = t.TypeOf<typeof Qualification>;
export type OverrideLevel = t.TypeOf<typeof OverrideLevel>;
export type RebateAccrued = t.TypeOf<typeof RebateAccrued>;
export type TradeUnattributed = t.TypeOf<typeof TradeUnattributed>;
export type RebateReversed = t.TypeOf<typeof RebateReversed>;
export type UnattributedTradeCancelled = t.TypeOf<typeof UnattributedTradeCancelled>;
export type TradeEvent = t.TypeOf<typeof TradeEvent>;
