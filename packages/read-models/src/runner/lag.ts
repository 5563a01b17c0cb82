import type { EventStore } from '@rebate/event-store';

/**
 * How far a projection is behind the store, in positions (head minus checkpoint; 0 when caught
 * up). Positions are not event counts on every store (PostgreSQL may skip identity values), but
 * the number only grows while a projection falls behind, which is what an alert needs.
 */
export const lagOf = (head: bigint | undefined, checkpoint: bigint | undefined): number => {
  if (head === undefined) return 0;
  const behind = head - (checkpoint ?? 0n);
  return behind > 0n ? Number(behind) : 0;
};

export const projectionLag = async (
  store: EventStore,
  checkpoint: () => Promise<bigint | undefined>,
): Promise<number> => {
  const [head, reached] = await Promise.all([store.headPosition(), checkpoint()]);
  return lagOf(head, reached);
};
