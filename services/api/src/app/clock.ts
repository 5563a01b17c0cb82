import { type Instant, compareInstants, parseInstant } from '@rebate/domain';

/** The wall clock, injected so tests can set the time commands are received at. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A command's `at` is when it was received. Never earlier than the previous one: a wall clock
 * stepping back (NTP) must not make the next command of a partner look back-dated.
 */
export const receptionTime = (clock: Clock): (() => Instant) => {
  let last: Instant | undefined;
  return () => {
    const now = parseInstant(clock().toISOString()) as Instant;
    if (last !== undefined && compareInstants(now, last) < 0) return last;
    last = now;
    return now;
  };
};
