import { CronExpressionParser } from 'cron-parser';
import type { Instant, RunPayouts } from '@rebate/domain';
import { parseInstant } from '@rebate/domain';
import type { CommandOutcome } from '@rebate/ledger';
import type { Logger } from 'pino';

/**
 * `PAYOUT_SCHEDULE`: payout runs on a cron expression, in UTC. A scheduled run's `at` and id are
 * its scheduled instant, so two instances, a restart or a slow timer firing late all make the
 * same run, which the payouts stream accepts once (the others are duplicates). On start the
 * latest slot at or before now runs once, so a slot missed while no instance was up is paid.
 */
export interface PayoutSchedule {
  /** The next slot after `after`. */
  nextSlot(after: Date): Date;
  /** The latest slot at or before `now`, if any. */
  latestSlot(now: Date): Date | undefined;
}

/** Parses the expression (throws with the library's message when it is not one). */
export const payoutSchedule = (expression: string): PayoutSchedule => {
  const at = (currentDate: Date) =>
    CronExpressionParser.parse(expression, { currentDate, tz: 'UTC' });
  CronExpressionParser.parse(expression, { tz: 'UTC' }); // fail at start-up, not at the first slot
  return {
    nextSlot: (after) => at(after).next().toDate(),
    latestSlot: (now) => {
      // prev() is strictly before its current date: one millisecond later includes `now`.
      const expression = at(new Date(now.getTime() + 1));
      return expression.hasPrev() ? expression.prev().toDate() : undefined;
    },
  };
};

export const slotInstant = (slot: Date): Instant => parseInstant(slot.toISOString()) as Instant;

/** The run a slot makes: its id is its instant in canonical form (the rules' default run id). */
export const scheduledRun = (slot: Date, minimumUsd?: RunPayouts['minimumUsd']): RunPayouts => ({
  type: 'run-payouts',
  at: slotInstant(slot),
  minimumUsd,
  runId: undefined,
});

export interface ScheduledRunner {
  stop(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the schedule until stopped: the latest slot once at start, then every next slot when its
 * time comes. A failed run is logged and not retried by the timer: the next start, or the next
 * slot, pays what it left (a run pays balances, whatever earlier runs did).
 */
export const startScheduledRuns = (options: {
  readonly schedule: PayoutSchedule;
  readonly now: () => Date;
  readonly execute: (command: RunPayouts, commandId: string) => Promise<CommandOutcome>;
  readonly log: Pick<Logger, 'info' | 'error'>;
  readonly minimumUsd?: RunPayouts['minimumUsd'];
}): ScheduledRunner => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();

  const runSlot = async (slot: Date): Promise<void> => {
    const command = scheduledRun(slot, options.minimumUsd);
    try {
      const outcome = await options.execute(command, `schedule:${command.at}`);
      options.log.info({ runId: command.at, outcome: outcome.kind }, 'scheduled payout run');
    } catch (error) {
      options.log.error({ err: error, runId: command.at }, 'scheduled payout run failed');
    }
  };

  const sleepUntil = (time: Date) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(
        resolve,
        Math.min(MAX_TIMER_MS, Math.max(0, time.getTime() - options.now().getTime())),
      );
    });

  const loop = async (): Promise<void> => {
    const latest = options.schedule.latestSlot(options.now());
    if (latest) await runSlot(latest);
    let next = options.schedule.nextSlot(options.now());
    while (!stopped) {
      await sleepUntil(next);
      if (stopped) break;
      if (options.now().getTime() < next.getTime()) continue; // a capped timer woke early
      await runSlot(next);
      next = options.schedule.nextSlot(next);
    }
  };

  inFlight = loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await inFlight;
    },
  };
};
