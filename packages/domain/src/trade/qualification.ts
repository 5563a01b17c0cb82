import type { Qualification } from '../events/trade-events';
import { Decimal } from '../values/decimal';
import type { Instant } from '../values/instant';
import { secondsBetween } from '../values/instant-arithmetic';

/**
 * Rules, section 11: a trade qualifies when the minimum in force is 0, or when it has `openedAt`
 * and was held at least the minimum, exactly (fractions of a second count).
 */
export const qualificationOf = (
  minHoldSeconds: number,
  openedAt: Instant | null,
  closedAt: Instant,
): Qualification => {
  const heldSeconds = openedAt === null ? null : secondsBetween(openedAt, closedAt);
  const qualified =
    minHoldSeconds === 0 ||
    (heldSeconds !== null && heldSeconds.gte(Decimal(String(minHoldSeconds))));
  return { minHoldSeconds, heldSeconds, qualified };
};
