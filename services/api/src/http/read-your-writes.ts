import type { LedgerQueries } from '@rebate/read-models';
import { fail } from './problem-catalog';

/** Waits until the read models include `minPosition`, or answers 504 after `timeoutMs`. */
export const awaitPosition = async (
  queries: Pick<LedgerQueries, 'waitForPosition'>,
  minPosition: bigint | undefined,
  timeoutMs: number,
): Promise<void> => {
  if (minPosition === undefined) return;
  if (await queries.waitForPosition(minPosition, timeoutMs)) return;
  fail(
    'position-not-reached',
    `the read models did not reach position ${minPosition} within ${timeoutMs} ms; retry`,
    { field: 'minPosition' },
  );
};
