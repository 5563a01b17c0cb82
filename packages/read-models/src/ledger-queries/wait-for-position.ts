import type { ChangeNotifier } from '@rebate/event-store';

export interface PositionSource {
  /** The smallest checkpoint of the projections waited for (undefined: one has none yet). */
  position(): Promise<bigint | undefined>;
  /** Woken when a projection of this process commits; others are found by polling. */
  readonly progress?: ChangeNotifier;
  readonly pollIntervalMs: number;
}

/**
 * Read-your-writes: resolves true once every projection has applied `position`, false when
 * `timeoutMs` passes first. The version is read before the checkpoints, so a commit between the
 * two wakes the wait instead of being slept through.
 */
export const waitForPosition = async (
  source: PositionSource,
  target: bigint,
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = Date.now() + Math.max(0, timeoutMs);
  for (;;) {
    const version = source.progress?.version ?? 0;
    const reached = await source.position();
    if (reached !== undefined && reached >= target) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    const pause = Math.min(source.pollIntervalMs, remaining);
    if (source.progress) await source.progress.wait(version, pause);
    else await new Promise((resolve) => setTimeout(resolve, pause));
  }
};
