import {
  NO_STREAM,
  type AppendExpectedRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  GENESIS_HASH,
  detectReplay,
  normalizeAppends,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventData,
  type ExpectedRevision,
  type NewEventRow,
  type StreamAppend,
  type StreamId,
} from '@rebate/event-store';
import { streamReadPosition, type EsdbContext } from './client';
import { CHAIN_HASH_KEY, chainedEsdbEvents, serialiseEvents } from './chain-metadata';
import { checkEventData, toRecordedEvent } from './codec';
import { conflictError, isWrongExpectedVersion } from './esdb-errors';
import { usablePosition } from './positions';
import { eventAt, lastRevision, newestEvents, newestRecords } from './lookups';
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

/**
 * Every append carries its stream's chain (see `chain-metadata.ts`): each event's hash follows the
 * one before it in the stream, the first follows the stream's last stored event. So an append
 * must know the stream's last hash before it writes, and must land exactly after that event:
 * - 'no_stream': the chain starts at the genesis hash; nothing to read.
 * - an exact revision n: the hash of the event at n (one short read); ESDB's own check makes
 *   sure the append lands right after it.
 * - 'any' and 'stream_exists': the newest events are read (a replay among them is answered as
 *   one), and the append is sent with the exact revision found; when another writer got in
 *   first it is chained again onto the new last event, up to LOOSE_ATTEMPTS times.
 */
const LOOSE_ATTEMPTS = 10;

interface PreparedAppend {
  readonly append: StreamAppend;
  readonly esdbStream: string;
  readonly serialised: readonly NewEventRow[];
}

type ChainStart =
  | {
      readonly kind: 'write';
      readonly previous: string;
      readonly firstRevision: number;
      readonly esdbExpected: AppendExpectedRevision;
      /** True when the caller did not name a revision: a conflict is retried, not reported. */
      readonly loose: boolean;
    }
  | { readonly kind: 'replay'; readonly result: AppendResult };

/** Validates every append before a byte is sent, so a bad argument never leaves a partial write. */
function prepare(ctx: EsdbContext, appends: readonly StreamAppend[]): PreparedAppend[] {
  for (const append of appends) toEsdbExpectedRevision(append.expected); // -1 gets a hint
  return normalizeAppends(appends).map((append) => {
    const esdbStream = ctx.scope.toEsdb(append.streamId);
    for (const event of append.events) checkEventData(append.streamId, event);
    return { append, esdbStream, serialised: serialiseEvents(append) };
  });
}

/** The hash a stored event carries, or the genesis hash for one written before the chain. */
function storedChainHash(event: EsdbRecordedEvent): string {
  const metadata = event.metadata as unknown;
  const hash =
    typeof metadata === 'object' && metadata !== null && !(metadata instanceof Uint8Array)
      ? (metadata as Record<string, unknown>)[CHAIN_HASH_KEY]
      : undefined;
  return typeof hash === 'string' ? hash : GENESIS_HASH;
}

async function chainStart(ctx: EsdbContext, prepared: PreparedAppend): Promise<ChainStart> {
  const { append, esdbStream } = prepared;
  const { expected } = append;
  if (expected === 'no_stream') {
    return {
      kind: 'write',
      previous: GENESIS_HASH,
      firstRevision: 0,
      esdbExpected: NO_STREAM,
      loose: false,
    };
  }
  if (typeof expected === 'number') {
    // A missing event means a wrong expectation, which ESDB then rejects: any hash will do.
    const event = await eventAt(ctx, esdbStream, expected);
    const previous = event === undefined ? GENESIS_HASH : storedChainHash(event);
    return {
      kind: 'write',
      previous,
      firstRevision: expected + 1,
      esdbExpected: BigInt(expected),
      loose: false,
    };
  }
  const newest = await newestRecords(ctx, esdbStream, REPLAY_WINDOW);
  const recorded = newest.map((e) => toRecordedEvent(e, append.streamId, streamReadPosition(e)));
  const replay = detectReplay(append, new Map(recorded.map((e) => [e.eventId, e])));
  if (replay !== undefined) return { kind: 'replay', result: replay };
  const last = newest[0];
  if (last === undefined) {
    if (expected === 'stream_exists') {
      throw new WrongExpectedRevisionError(append.streamId, expected, undefined);
    }
    return {
      kind: 'write',
      previous: GENESIS_HASH,
      firstRevision: 0,
      esdbExpected: NO_STREAM,
      loose: true,
    };
  }
  const revision = fromEsdbRevision(last.revision);
  return {
    kind: 'write',
    previous: storedChainHash(last),
    firstRevision: revision + 1,
    esdbExpected: last.revision,
    loose: true,
  };
}

async function write(ctx: EsdbContext, prepared: PreparedAppend): Promise<AppendResult> {
  const { append, esdbStream } = prepared;
  for (let attempt = 1; ; attempt += 1) {
    const start = await chainStart(ctx, prepared);
    if (start.kind === 'replay') return start.result;
    const retry = start.loose && attempt < LOOSE_ATTEMPTS;
    const esdbEvents = chainedEsdbEvents(prepared.serialised, start.previous, start.firstRevision);
    let result;
    try {
      result = await ctx.client.appendToStream(esdbStream, esdbEvents, {
        expectedRevision: start.esdbExpected,
      });
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      if (retry) continue; // another writer appended first: chain onto its events
      if (start.loose) throw contended(append.streamId);
      return settleConflict(ctx, append, fromEsdbCurrentRevision(error.actualVersion));
    }
    // With throwOnAppendFailure=false in the connection string the client answers instead of
    // throwing, and its batch-append path garbles the revision: ask the stream.
    if (!result.success) {
      if (retry) continue;
      if (start.loose) throw contended(append.streamId);
      return settleConflict(ctx, append, await lastRevision(ctx, esdbStream));
    }
    const nextRevision = fromEsdbRevision(result.nextExpectedRevision);
    // An idempotent no-op may come back without a position: read the last event's.
    const position =
      usablePosition(result.position) ?? (await positionOf(ctx, esdbStream, nextRevision));
    return { nextRevision, position };
  }
}

const contended = (streamId: StreamId): Error =>
  new Error(
    `append to ${streamId}: other writers kept appending first (${LOOSE_ATTEMPTS} attempts)`,
  );

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
