import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  EventDecodingError,
  type EventMetadata,
  type RecordedEvent,
  describeDecodeFailure,
} from '@rebate/event-store';
import { BigIntFromDb, SafeIntegerFromDb } from '../db-codecs';

/**
 * The row shape both SQL adapters select (same column names): the envelope columns are decoded
 * strictly, data and metadata arrive as JSON text so a corrupt payload is caught here, never
 * inside a driver.
 */
export const EventRow = t.type({
  position: BigIntFromDb,
  stream_id: t.string,
  revision: SafeIntegerFromDb,
  event_id: t.string,
  type: t.string,
  data: t.string,
  metadata: t.string,
  recorded_at: t.string,
});
export type EventRow = t.TypeOf<typeof EventRow>;

export const EventMetadataCodec = t.intersection([
  t.UnknownRecord,
  t.type({ schemaVersion: t.number }),
  t.partial({ correlationId: t.string, causationId: t.string }),
]);

/**
 * Turns one selected row into a RecordedEvent. A malformed envelope is a schema bug (TypeError);
 * an undecodable payload is bad data and raises EventDecodingError with its stream and position.
 */
export function decodeEventRow(raw: unknown): RecordedEvent {
  const envelope = EventRow.decode(raw);
  if (isLeft(envelope)) {
    throw new TypeError(`unexpected event row: ${describeDecodeFailure(EventRow, raw)}`);
  }
  const row = envelope.right;
  const fail = (reason: string): never => {
    throw new EventDecodingError(row.stream_id, row.revision, row.position, reason);
  };
  const data = parseJson(row.data) ?? fail('data is not valid JSON');
  const metadataJson = parseJson(row.metadata) ?? fail('metadata is not valid JSON');
  const metadata = EventMetadataCodec.decode(metadataJson.value);
  if (isLeft(metadata)) {
    return fail(`metadata: ${describeDecodeFailure(EventMetadataCodec, metadataJson.value)}`);
  }
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    data: data.value,
    metadata: metadata.right as EventMetadata,
    recordedAt: row.recorded_at,
  };
}

function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
