/**
 * A "something was appended" signal for polling subscriptions. A version counter, read before
 * each query, closes the race where an append lands between the query and the wait: `wait`
 * then returns at once instead of sleeping through a whole poll interval.
 */
export class ChangeNotifier {
  private currentVersion = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.currentVersion;
  }

  notify(): void {
    this.currentVersion += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves when a notification arrives after `sinceVersion`, after `timeoutMs` (the polling
   * fallback for writers this process cannot hear), or when `signal` aborts.
   */
  wait(sinceVersion: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.currentVersion !== sinceVersion || signal?.aborted === true) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal?.addEventListener('abort', wake, { once: true });
      this.waiters.add(wake);
    });
  }
}
