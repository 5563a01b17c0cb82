import type { Clock } from '@rebate/api';

/** A clock the test sets; each reading moves it on a second, so commands keep their order. */
export interface ManualClock {
  readonly clock: Clock;
  set(iso: string): void;
}

export const manualClock = (start = '2026-09-01T00:00:00Z'): ManualClock => {
  let now = Date.parse(start);
  return {
    clock: () => {
      const reading = new Date(now);
      now += 1000;
      return reading;
    },
    set: (iso) => {
      now = Date.parse(iso);
    },
  };
};
