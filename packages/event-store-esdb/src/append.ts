import type { AppendExpectedRevision, EventData as EsdbEventData } from '@eventstore/db-client';
import {
  detectReplay,
  normalizeAppends,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventData,
  type ExpectedRevision,
  type StreamAppend,
  type StreamId,
} from '@rebate/event-store';
import { streamReadPosition, type EsdbContext } from './client';
import { checkEventData, toEsdbEvent } from './codec';
import { conflictError, isWrongExpectedVersion } from './esdb-errors';
import { usablePosition } from './positions';
import { eventAt, lastRevision, newestEvents } from './lookups';
import { fromEsdbCurrentRevision, fromEsdbRevision, toEsdbExpectedRevision } from './revisions';

/**
 * Appends. Idempotency is ESDB's own: an append whose event ids are already stored is a no-op
 * answered with the first append's result. ESDB guarantees that only for an exact expected
 * revision or 'no_stream', where it compares the ids with the events stored right after that
 * revision. With 'any' and 'stream_exists' it only consults a bounded in-memory cache of recent
 * ids, lost on restart or leader change: a retry may then store the events twice, and an id
 * stored on another stream is not noticed. Retry with exact expectations. ESDB does not compare
 * payloads either: a reused id with another payload is a silent no-op when ESDB finds it.
 */

/** Newest events searched for a replay sent with a stale expected revision. */
const REPLAY_WINDOW = 100;

interface PreparedAppend {
  readonly append: StreamAppend;
  readonly esdbStream: string;
  readonly esdbEvents: EsdbEventData[];
  readonly esdbExpected: AppendExpectedRevision;
}

/** Validates every append before a byte is sent, so a bad argument never leaves a partial write. */
function prepare(ctx: EsdbContext, appends: readonly StreamAppend[]): PreparedAppend[] {
  const expectations = appends.map((a) => toEsdbExpectedRevision(a.expected)); // -1 gets a hint
  return normalizeAppends(appends).map((append, index) => {
    const esdbStream = ctx.scope.toEsdb(append.streamId);
    for (const event of append.events) checkEventData(append.streamId, event);
    const esdbEvents = append.events.map(toEsdbEvent);
    return { append, esdbStream, esdbEvents, esdbExpected: expectations[index] ?? 'any' };
  });
}

async function write(ctx: EsdbContext, prepared: PreparedAppend): Promise<AppendResult> {
  const { esdbStream, esdbEvents, esdbExpected } = prepared;
  let result;
  try {
    result = await ctx.client.appendToStream(esdbStream, esdbEvents, {
      expectedRevision: esdbExpected,
    });
  } catch (error) {
    if (!isWrongExpectedVersion(error)) throw error;
    return settleConflict(ctx, prepared.append, fromEsdbCurrentRevision(error.actualVersion));
  }
  // With throwOnAppendFailure=false in the connection string the client answers instead of
  // throwing, and its batch-append path garbles the revision: ask the stream.
  if (!result.success) {
    return settleConflict(ctx, prepared.append, await lastRevision(ctx, esdbStream));
  }
  const nextRevision = fromEsdbRevision(result.nextExpectedRevision);
  // An idempotent no-op may come back without a position: read the last event's.
  const position =
    usablePosition(result.position) ?? (await positionOf(ctx, esdbStream, nextRevision));
  return { nextRevision, position };
}

/**
 * ESDB said "wrong expected version". With 'any' or 'stream_exists' on an existing stream that
 * means some but not all ids were stored. With an exact expectation the stream may instead hold
 * this very append further back (a replay with a stale expectation: ESDB only looks right after
 * the expected revision), so the newest events are searched and a replay is answered as one.
 */
async function settleConflict(
  ctx: EsdbContext,
  append: StreamAppend,
  actual: number | undefined,
): Promise<AppendResult> {
  const { streamId, events, expected } = append;
  const error = conflictError(streamId, expected, actual, events[0]?.eventId ?? '');
  if (!(error instanceof WrongExpectedRevisionError) || actual === undefined) throw error;
  const newest = await newestEvents(ctx, streamId, REPLAY_WINDOW);
  const replay = detectReplay(append, new Map(newest.map((e) => [e.eventId, e])));
  if (replay) return replay;
  throw error;
}

async function positionOf(ctx: EsdbContext, esdbStream: string, revision: number) {
  const event = await eventAt(ctx, esdbStream, revision);
  if (!event) throw new Error(`EventStoreDB lost ${esdbStream}@${revision} right after appending`);
  return streamReadPosition(event);
}

/** Appends to one stream: atomic, with ESDB's optimistic concurrency check. */
export async function append(
  ctx: EsdbContext,
  streamId: StreamId,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const [prepared] = prepare(ctx, [{ streamId, events, expected }]);
  if (!prepared) throw new Error('unreachable: one append prepared');
  return write(ctx, prepared);
}

/**
 * Appends to many streams. ESDB has no multi-stream transaction, so this appends stream by stream,
 * in order, each append atomic and idempotent. A failure leaves a prefix of `appends` applied
 * (the failing one not); calling again with the same appends and event ids completes the rest:
 * the applied prefix comes back as no-ops (dependably so with exact expected revisions).
 * Sequential on purpose: a failure then leaves a prefix, and a stream may appear twice, in order.
 */
export async function appendMany(
  ctx: EsdbContext,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> {
  const results: AppendResult[] = [];
  for (const prepared of prepare(ctx, appends)) results.push(await write(ctx, prepared));
  return results;
}
