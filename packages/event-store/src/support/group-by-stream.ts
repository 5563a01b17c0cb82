import type { RecordedEvent, StreamId } from '../port';

/**
 * The result shape of `EventStore.readStreams`: an entry for every requested stream (empty when
 * it does not exist), each in the order the events arrive (callers fetch them by revision).
 */
export function groupByStream(
  streamIds: readonly StreamId[],
  events: readonly RecordedEvent[],
): Map<StreamId, RecordedEvent[]> {
  const byStream = new Map<StreamId, RecordedEvent[]>(streamIds.map((id) => [id, []]));
  for (const event of events) byStream.get(event.streamId)?.push(event);
  return byStream;
}
