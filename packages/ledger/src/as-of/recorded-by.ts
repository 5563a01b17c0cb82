import type {
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from '@rebate/event-store';
import { type Instant, compareInstants, parseInstant } from '@rebate/domain';

/**
 * "As of T" is what the books said at T: the events the store had recorded at or before T
 * (`recordedAt`, stamped by the store when it appends), never the events' business times (a
 * trade that closed before T but arrived after T was not in the books at T). Events appended
 * later are stamped later, so an answer as of a past T never changes.
 */
export const recordedBy = (event: Pick<RecordedEvent, 'recordedAt'>, asOf: Instant): boolean => {
  const recordedAt = parseInstant(event.recordedAt);
  // A store's recordedAt is always an instant; one that is not cannot be placed before T.
  return recordedAt !== undefined && compareInstants(recordedAt, asOf) <= 0;
};

/** The store's events recorded at or before `asOf`, in global order. */
export async function* readAllRecordedBy(
  store: Pick<EventStore, 'readAll'>,
  asOf: Instant,
  options: ReadAllOptions = {},
): AsyncGenerator<RecordedEvent, void, undefined> {
  for await (const event of store.readAll(options)) {
    if (recordedBy(event, asOf)) yield event;
  }
}

/** Where the events recorded by an instant end: a cache key for answers as of it. */
export interface RecordedPrefix {
  /** The last such event's position; undefined when there is none. */
  readonly position: bigint | undefined;
  readonly events: number;
}

export const recordedPrefix = async (
  store: Pick<EventStore, 'readAll'>,
  asOf: Instant,
): Promise<RecordedPrefix> => {
  let position: bigint | undefined;
  let events = 0;
  for await (const event of readAllRecordedBy(store, asOf)) {
    position = event.position;
    events += 1;
  }
  return { position, events };
};

const readOnly = (): never => {
  throw new Error('the store as of an instant is read-only');
};

/**
 * A read-only view of `store` holding only the events recorded at or before `asOf`, for the
 * projections: its subscription delivers them and ends (the past does not go live), and its
 * head is the last of them (`prefix`, found once by `recordedPrefix`), which it never reads past.
 */
export const storeAsOf = (
  store: Pick<EventStore, 'readAll'>,
  asOf: Instant,
  prefix: RecordedPrefix,
): EventStore => {
  // Never past the prefix: with T now or ahead, events keep arriving that were not counted.
  async function* readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    const last = prefix.position;
    if (last === undefined) return;
    for await (const event of readAllRecordedBy(store, asOf, options)) {
      if (event.position > last) return;
      yield event;
    }
  }
  return {
    append: readOnly,
    appendMany: readOnly,
    readStream: readOnly,
    readAll,
    subscribeToAll: (options: SubscribeOptions = {}) =>
      readAll({
        ...(options.after === undefined ? {} : { after: options.after }),
        ...(options.filter === undefined ? {} : { filter: options.filter }),
      }),
    headPosition: () => Promise.resolve(prefix.position),
    close: () => Promise.resolve(),
  };
};
