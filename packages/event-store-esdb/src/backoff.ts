/** How a dropped subscription is retried. */
export interface RetryPolicy {
  /** Delay before the first resubscription, in ms. Default 100. */
  readonly initialDelayMs?: number;
  /** Upper bound of the doubling delay, in ms. Default 10 000. */
  readonly maxDelayMs?: number;
  /**
   * Failed attempts in a row before the subscription gives up and throws the last error.
   * Default: unlimited (a subscriber outlives server restarts). A subscription the server
   * confirms, or one that delivers an event, ends the streak.
   */
  readonly maxAttempts?: number;
}

/**
 * Delay before attempt `attempt` (1-based): doubling from the initial delay up to the cap, with
 * "equal jitter" (half fixed, half random) so that many subscribers dropped together by one server
 * restart do not all come back at the same instant.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy = {},
  random: () => number = Math.random,
): number {
  const initial = policy.initialDelayMs ?? 100;
  const max = policy.maxDelayMs ?? 10_000;
  const ceiling = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
