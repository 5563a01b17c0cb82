import { isTradeCommand } from '@rebate/domain';
import type { CommandPort } from '../routes/route-context';

/**
 * Agreement commands and payout runs of this process, one at a time in arrival order. They all
 * append to one stream (the agreements, or the payouts), so running them together only makes
 * them retry each other: 10 parallel attaches would be decided again after losing the race,
 * now behind a later `at`, and refused as back-dated; 20 parallel payout runs would exhaust
 * their retries. Arrival order is reception order: a handler takes its `at` and enqueues in
 * the same tick, so the queue never puts a later `at` before an earlier one. Trades are not
 * queued: each has its own stream. Another process can still race; the ledger's retries and
 * a 409 `concurrent-update` cover that.
 */
export const serialCommands = (commands: CommandPort): CommandPort => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    execute(command, context) {
      if (isTradeCommand(command)) {
        return commands.execute(command, context);
      }
      const run = tail.then(() => commands.execute(command, context));
      tail = run.catch(() => undefined);
      return run;
    },
    executeTrades: (items) => commands.executeTrades(items),
    // Queued like a run, so a preview sent after a run sees that run.
    previewPayoutRun(command) {
      const preview = tail.then(() => commands.previewPayoutRun(command));
      tail = preview.catch(() => undefined);
      return preview;
    },
  };
};
