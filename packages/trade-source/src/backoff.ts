/** Exponential backoff with jitter for retrying a batch after a transient failure. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Attempts in all (the first one included) before the failure is final. */
  readonly maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 200, maxMs: 5000, maxAttempts: 8 };

/** Delay before attempt `attempt + 1` (attempt counts from 1): doubling, +-20 % jitter. */
export const backoffDelay = (policy: BackoffPolicy, attempt: number): number => {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
};

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
