import * as t from 'io-ts';
import { At, DecimalValue, Id, NullableId, RateRule, RemunerationSource } from './fields';

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
};

export const RebateAccrued = event('RebateAccrued', {
  ...tradeProps,
  partnerId: Id,
  usdPerLot: DecimalValue,
  remunerationSource: RemunerationSource,
  remuneration: DecimalValue,
  percent: DecimalValue,
  rateRule: RateRule,
  rebate: DecimalValue,
  net: DecimalValue,
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

export type RebateAccrued = t.TypeOf<typeof RebateAccrued>;
export type TradeUnattributed = t.TypeOf<typeof TradeUnattributed>;
export type RebateReversed = t.TypeOf<typeof RebateReversed>;
export type UnattributedTradeCancelled = t.TypeOf<typeof UnattributedTradeCancelled>;
export type TradeEvent = t.TypeOf<typeof TradeEvent>;
