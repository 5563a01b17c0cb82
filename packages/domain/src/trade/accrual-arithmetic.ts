import type { OverrideLevel } from '../events/trade-events';
import { type Big, HUNDRED, ZERO } from '../values/decimal';

/**
 * The arithmetic of one accrual (rules, sections 1, 11 and 12), exact and unrounded. The decision
 * computes an accrual with it and the audit recomputes a recorded one with it, so the two can
 * never disagree on the formulas.
 */

export interface AccrualAmounts {
  readonly remuneration: Big;
  readonly rebate: Big;
  /** remuneration - rebate: the trade partner's share before overrides. */
  readonly net: Big;
}

/** lots x usdPerLot (0 when the trade does not qualify); x percent / 100; the rest. */
export const accrualAmounts = (input: {
  readonly lots: Big;
  readonly usdPerLot: Big;
  readonly percent: Big;
  readonly qualified: boolean;
}): AccrualAmounts => {
  const remuneration = input.qualified ? input.lots.times(input.usdPerLot) : ZERO;
  const rebate = remuneration.times(input.percent).div(HUNDRED);
  return { remuneration, rebate, net: remuneration.minus(rebate) };
};

/** Share-up: each level receives its rate of what the level below received (s0 = net). */
export const overrideAmounts = (
  net: Big,
  levels: readonly {
    readonly partnerId: string;
    readonly childId: string;
    readonly percent: Big;
  }[],
): OverrideLevel[] => {
  let share = net;
  return levels.map((level) => {
    share = share.times(level.percent).div(HUNDRED);
    return { ...level, amount: share };
  });
};
