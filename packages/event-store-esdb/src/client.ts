import type {
  EventStoreDBClient,
  RecordedEvent as EsdbRecordedEvent,
  StreamingRead,
} from '@eventstore/db-client';
import { isMissingStream } from './esdb-errors';
import { usablePosition } from './positions';
import type { StreamScope } from './scope';

/** The part of the client the adapter uses; tests hand in a fake with the same shape. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

/** What every operation needs: the client, the store's scope, and the read page size. */
export interface EsdbContext {
  readonly client: EsdbClient;
  readonly scope: StreamScope;
  /** Events per read request. Reads are paged: one unbounded ESDB read once exhausted memory. */
  readonly pageSize: number;
  /** `$all` positions at or before this hold none of this store's events (see `allStartsAfter`). */
  readonly floor: bigint | undefined;
}

/**
 * Iterates one ESDB read to its end. The client reports a missing stream by throwing while
 * iterating, not on the call: that reads as empty here. Leaving early cancels the gRPC call, which
 * would otherwise run on to its maxCount.
 */
export async function* drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } catch (error) {
    if (!isMissingStream(error)) throw error;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}

/** The position of an event read from a stream (ESDB 22.6+ reports `$all` positions there). */
export function streamReadPosition(event: EsdbRecordedEvent): bigint {
  const position = usablePosition(event.position);
  if (position === undefined) {
    throw new Error(
      `EventStoreDB returned no position for ${event.streamId}@${event.revision.toString()}: ` +
        'stream reads carry positions from server version 22.6 on',
    );
  }
  return position;
}
