import type { EventStore, RecordedEvent, StreamId } from '../port';

/** Many streams' events, in one round trip where the adapter can, else one read per stream. */
export const readStreams = async (
  store: EventStore,
  streamIds: readonly StreamId[],
): Promise<ReadonlyMap<StreamId, readonly RecordedEvent[]>> => {
  if (store.readStreams) return store.readStreams(streamIds);
  const entries = await Promise.all(
    streamIds.map(async (streamId) => {
      const events: RecordedEvent[] = [];
      for await (const event of store.readStream(streamId)) events.push(event);
      return [streamId, events] as const;
    }),
  );
  return new Map(entries);
};
