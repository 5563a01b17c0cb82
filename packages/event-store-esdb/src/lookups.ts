import {
  BACKWARDS,
  END,
  FORWARDS,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent, StreamId } from '@rebate/event-store';
import { drain, type EsdbContext } from './client';
import { readStreamEvents } from './reads';
import { fromEsdbRevision } from './revisions';

/** Short, bounded reads with which `append` settles what an ESDB answer left open. */

/** Revision of a stream's last event, or undefined when it does not exist. */
export async function lastRevision(
  ctx: EsdbContext,
  esdbStream: string,
): Promise<number | undefined> {
  const read = ctx.client.readStream(esdbStream, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
  });
  for await (const { event } of drain(read)) {
    if (event) return fromEsdbRevision(event.revision);
  }
  return undefined;
}

/** The raw ESDB event at a revision, if the stream has it. */
export async function eventAt(
  ctx: EsdbContext,
  esdbStream: string,
  revision: number,
): Promise<EsdbRecordedEvent | undefined> {
  const read = ctx.client.readStream(esdbStream, {
    direction: FORWARDS,
    fromRevision: BigInt(revision),
    maxCount: 1,
  });
  for await (const { event } of drain(read)) if (event) return event;
  return undefined;
}

/** The newest `count` events of a stream, newest first (one bounded read). */
export async function newestEvents(
  ctx: EsdbContext,
  streamId: StreamId,
  count: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const read = readStreamEvents(ctx, streamId, { direction: 'backwards', maxCount: count });
  for await (const event of read) events.push(event);
  return events;
}

/** The newest `count` raw ESDB events of a stream, newest first (one bounded read). */
export async function newestRecords(
  ctx: EsdbContext,
  esdbStream: string,
  count: number,
): Promise<EsdbRecordedEvent[]> {
  const read = ctx.client.readStream(esdbStream, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: count,
  });
  const events: EsdbRecordedEvent[] = [];
  for await (const { event } of drain(read)) if (event) events.push(event);
  return events;
}
