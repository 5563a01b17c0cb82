import { sleep } from '@rebate/trade-source';

/**
 * Runs `work` while heartbeating every `intervalMs`, so a slow store does not get this member
 * thrown out of its group mid-batch (kafkajs only heartbeats between our calls otherwise).
 * A failed heartbeat (a rebalance started) is not fatal here: the batch still finishes, and
 * the next heartbeat or commit after it tells kafkajs to rejoin.
 */
export const withHeartbeats = async <T>(
  work: () => Promise<T>,
  heartbeat: () => Promise<void>,
  intervalMs: number,
): Promise<T> => {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
};

/** Waits `ms` in heartbeat-sized steps, giving up early when `keepWaiting` turns false. */
export const waitWithHeartbeats = async (
  ms: number,
  heartbeat: () => Promise<void>,
  intervalMs: number,
  keepWaiting: () => boolean,
): Promise<void> => {
  const until = Date.now() + ms;
  while (keepWaiting() && Date.now() < until) {
    await sleep(Math.min(intervalMs, until - Date.now()));
    await heartbeat();
  }
};
