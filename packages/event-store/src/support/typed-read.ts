import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { EventDecodingError } from '../errors';
import type { EventStore, ReadStreamOptions, RecordedEvent, StreamId } from '../port';
import { describeDecodeFailure } from './decode';

/** What a typed codec sees: the event's type and payload, e.g. a union tagged by `type`. */
export interface TypedPayload {
  readonly type: string;
  readonly data: unknown;
}

/** A recorded event whose `type` and `data` were decoded into `E`. */
export type TypedRecordedEvent<E extends TypedPayload> = Omit<RecordedEvent, 'type' | 'data'> & E;

/** Decodes one event's `{ type, data }` or throws EventDecodingError with its position. */
export function decodeRecordedEvent<E extends TypedPayload>(
  event: RecordedEvent,
  codec: t.Decoder<unknown, E>,
): TypedRecordedEvent<E> {
  const payload = { type: event.type, data: event.data };
  const decoded = codec.decode(payload);
  if (isLeft(decoded)) {
    const reason = `${event.type}: ${describeDecodeFailure(codec, payload)}`;
    throw new EventDecodingError(event.streamId, event.revision, event.position, reason);
  }
  return { ...event, ...decoded.right };
}

/** Reads a stream and decodes each event; the first undecodable one stops the read. */
export async function* readStreamTyped<E extends TypedPayload>(
  store: Pick<EventStore, 'readStream'>,
  streamId: StreamId,
  codec: t.Decoder<unknown, E>,
  options?: ReadStreamOptions,
): AsyncGenerator<TypedRecordedEvent<E>, void, undefined> {
  for await (const event of store.readStream(streamId, options)) {
    yield decodeRecordedEvent(event, codec);
  }
}
