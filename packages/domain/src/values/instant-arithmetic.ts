import { type Big, Decimal } from './decimal';
import type { Instant } from './instant';

/**
 * Exact arithmetic on canonical instants (`YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`): whole seconds
 * through the calendar (milliseconds fit a double exactly for years 0001-9999), the fraction kept
 * as its own digits, so no nanosecond is ever lost.
 */

const wholeSecondsOf = (instant: Instant): number => {
  const date = new Date(0);
  date.setUTCFullYear(
    Number(instant.slice(0, 4)),
    Number(instant.slice(5, 7)) - 1,
    Number(instant.slice(8, 10)),
  );
  date.setUTCHours(
    Number(instant.slice(11, 13)),
    Number(instant.slice(14, 16)),
    Number(instant.slice(17, 19)),
    0,
  );
  return date.getTime() / 1000;
};

const fractionOf = (instant: Instant): string => (instant.length > 20 ? instant.slice(20, -1) : '');

/** `later - earlier` in seconds, exactly (negative when `later` is earlier). */
export const secondsBetween = (earlier: Instant, later: Instant): Big => {
  const whole = Decimal(String(wholeSecondsOf(later) - wholeSecondsOf(earlier)));
  const fraction = (instant: Instant) => Decimal(`0.${fractionOf(instant) || '0'}`);
  return whole.plus(fraction(later)).minus(fraction(earlier));
};

/**
 * The instant `days` x 24 h before `instant`, or undefined when that falls before the year 0001
 * (no trade can have closed then).
 */
export const daysBefore = (instant: Instant, days: number): Instant | undefined => {
  const seconds = wholeSecondsOf(instant) - days * 86_400;
  const date = new Date(seconds * 1000);
  if (date.getUTCFullYear() < 1) return undefined;
  const fraction = fractionOf(instant);
  return `${date.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z` as Instant;
};
