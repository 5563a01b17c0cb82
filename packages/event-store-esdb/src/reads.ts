import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type {
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamId,
} from '@rebate/event-store';
import { drain, streamReadPosition, type EsdbContext } from './client';
import { toRecordedEvent } from './codec';
import {
  cursorAfter,
  isAfterCheckpoint,
  isBeyond,
  laterCheckpoint,
  toPortPosition,
} from './positions';
import { checkMaxCount, toEsdbReadRevision } from './revisions';
import { matchesNothing } from './scope';

/** Reads one stream page by page; a missing stream reads as empty. */
export async function* readStreamEvents(
  ctx: EsdbContext,
  streamId: StreamId,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  const esdbStream = ctx.scope.toEsdb(streamId);
  const direction = options.direction ?? 'forwards';
  let remaining = checkMaxCount(options.maxCount);
  let from = toEsdbReadRevision(options.fromRevision, direction);
  while (remaining > 0) {
    const maxCount = Math.min(ctx.pageSize, remaining);
    const read = ctx.client.readStream(esdbStream, { direction, fromRevision: from, maxCount });
    let seen = 0;
    let last: bigint | undefined;
    for await (const { event } of drain(read)) {
      seen += 1;
      if (!event) continue;
      last = event.revision;
      yield toRecordedEvent(event, streamId, streamReadPosition(event));
      remaining -= 1;
    }
    // A short page is the end of the stream; otherwise go on from the next revision.
    if (seen < maxCount || last === undefined) return;
    if (direction === 'backwards' && last === 0n) return;
    from = direction === 'forwards' ? last + 1n : last - 1n;
  }
}

/** Reads `$all` forwards page by page, keeping what this store may see and the filter keeps. */
export async function* readAllEvents(
  ctx: EsdbContext,
  options: ReadAllOptions = {},
): AsyncGenerator<RecordedEvent> {
  for await (const { event, streamId, position } of readAllVisible(ctx, options)) {
    yield toRecordedEvent(event, streamId, position);
  }
}

/** One event of `$all` this store may see, undecoded, with its port stream id and position. */
export interface VisibleEvent {
  readonly event: EsdbRecordedEvent;
  readonly streamId: StreamId;
  readonly position: bigint;
}

/** `readAllEvents` before decoding: the chain reads the stored metadata as it is. */
export async function* readAllVisible(
  ctx: EsdbContext,
  options: ReadAllOptions = {},
): AsyncGenerator<VisibleEvent> {
  let remaining = checkMaxCount(options.maxCount);
  if (remaining === 0 || matchesNothing(options.filter)) return;
  const after = laterCheckpoint(options.after, ctx.floor);
  let cursor = cursorAfter(after);
  for (;;) {
    const start = cursor;
    const read = ctx.client.readAll({
      fromPosition: cursor ?? START,
      direction: FORWARDS,
      maxCount: ctx.pageSize,
    });
    let seen = 0;
    for await (const { event } of drain(read)) {
      seen += 1;
      // ESDB reads are inclusive: the page starts with the event at the cursor, seen already.
      if (!event || !isBeyond(event.position, cursor, 'forwards')) continue;
      cursor = event.position;
      const position = toPortPosition(event.position);
      if (!isAfterCheckpoint(position, after)) continue;
      const streamId = ctx.scope.visible(event.streamId, event.type, options.filter);
      if (streamId === undefined) continue;
      yield { event, streamId, position };
      remaining -= 1;
      if (remaining === 0) return;
    }
    if (seen < ctx.pageSize) return;
    if (cursor === start) throw new Error('readAll made no progress: read page size too small');
  }
}

/**
 * Position of the newest event this store may see. Reads `$all` backwards from its end: one record
 * first (usually ours), then pages, since ESDB's own events ($metadata, $stats, other namespaces)
 * may come after it.
 */
export async function headPosition(ctx: EsdbContext): Promise<bigint | undefined> {
  let cursor: Position | undefined;
  let maxCount = 1;
  for (;;) {
    const start = cursor;
    const read = ctx.client.readAll({
      fromPosition: cursor ?? END,
      direction: BACKWARDS,
      maxCount,
    });
    let seen = 0;
    for await (const { event } of drain(read)) {
      seen += 1;
      if (!event || !isBeyond(event.position, cursor, 'backwards')) continue;
      cursor = event.position;
      if (!isAfterCheckpoint(toPortPosition(event.position), ctx.floor)) return undefined;
      if (ctx.scope.visible(event.streamId, event.type) !== undefined) {
        return toPortPosition(event.position);
      }
    }
    if (seen < maxCount) return undefined;
    if (cursor === start && maxCount === ctx.pageSize) {
      throw new Error('headPosition made no progress: read page size too small');
    }
    maxCount = ctx.pageSize;
  }
}
