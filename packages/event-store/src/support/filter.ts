import type { EventFilter, RecordedEvent } from '../port';

/**
 * A filter as SQL parameters: `null` means "no condition"; an empty list matches nothing,
 * exactly like `matchesFilter`. Prefixes are compared literally (no LIKE wildcards).
 */
export interface SqlFilterParams {
  readonly streamPrefixes: readonly string[] | null;
  readonly eventTypes: readonly string[] | null;
}

export function toSqlFilterParams(filter: EventFilter | undefined): SqlFilterParams {
  return {
    streamPrefixes: filter?.streamPrefixes ?? null,
    eventTypes: filter?.eventTypes ?? null,
  };
}

/** The in-memory meaning of a filter, which the SQL versions must agree with. */
export function matchesFilter(
  event: Pick<RecordedEvent, 'streamId' | 'type'>,
  filter: EventFilter | undefined,
): boolean {
  const { streamPrefixes, eventTypes } = toSqlFilterParams(filter);
  const streamMatches =
    streamPrefixes === null || streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
  return streamMatches && (eventTypes === null || eventTypes.includes(event.type));
}
