import { PassThrough } from 'node:stream';
import {
  WrongExpectedVersionError,
  StreamNotFoundError,
  type AppendResult,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { EsdbClient } from '../src/client';

/**
 * An in-memory stand-in for the parts of an EventStoreDB server the adapter talks to, with the
 * server's read semantics: forward reads include their start position, backward reads of $all
 * exclude it, a missing stream errors while iterating, a catch-up subscription starts after its
 * position (or at it, with `inclusiveSubscriptions`, to prove the adapter deduplicates), and an
 * append with an exact expectation is idempotent by event id.
 */

export interface FakeRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  position: Position;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
}

interface ProposedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

type Live = PassThrough & { from?: Position };

export class FakeEsdb {
  readonly log: FakeRecord[] = [];
  readonly readAllCalls: { fromPosition: ReadPosition; direction: string; maxCount: number }[] = [];
  readonly subscribeCalls: { fromPosition: ReadPosition; filter: unknown }[] = [];
  inclusiveSubscriptions = false;
  /** When set, every new subscription fails with it before the server confirms it. */
  failSubscriptions: Error | undefined;
  /** When false, idempotent appends come back without a position (as real ones may). */
  reportIdempotentPositions = false;
  private nextPosition = 1000n;
  private readonly live = new Set<Live>();
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly byId = new Map<string, FakeRecord>();

  /** Stores an event as a server would, e.g. a system event, bypassing the adapter. */
  record(streamId: string, type: string, id: string, data: unknown = {}, metadata: unknown = {}) {
    const revision = BigInt(this.streamOf(streamId).length);
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 100n;
    const rec: FakeRecord = {
      ...{ streamId, id, type, revision, position, data, metadata, isJson: true },
      created: new Date(),
    };
    this.log.push(rec);
    const stream = this.streams.get(streamId) ?? [];
    stream.push(rec);
    this.streams.set(streamId, stream);
    if (!this.byId.has(id)) this.byId.set(id, rec);
    for (const sub of this.live) sub.write({ event: rec, commitPosition: rec.position.commit });
    return rec;
  }

  /**
   * Removes records as no ESDB client can (scavenging after a stream deletion, an edited
   * database file): tamper-evidence tests.
   */
  removeRecords(remove: (record: FakeRecord) => boolean): void {
    const kept = this.log.filter((record) => !remove(record));
    this.log.splice(0, this.log.length, ...kept);
    for (const [streamId, records] of this.streams) {
      this.streams.set(
        streamId,
        records.filter((record) => !remove(record)),
      );
    }
  }

  /** Breaks every live subscription with this error, as a lost connection does. */
  dropSubscriptions(error: Error): void {
    for (const sub of this.live) sub.destroy(error);
    this.live.clear();
  }

  get liveSubscriptions(): number {
    return this.live.size;
  }

  private streamOf(streamId: string): FakeRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  readonly client = {
    appendToStream: async (
      streamName: string,
      events: ProposedEvent[],
      { expectedRevision }: { expectedRevision: bigint | string },
    ): Promise<AppendResult> => {
      const stream = this.streamOf(streamName);
      const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
      const conflict = () =>
        new WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedRevision as bigint,
          current: current ?? 'no_stream',
        });
      const base =
        expectedRevision === 'no_stream'
          ? -1n
          : typeof expectedRevision === 'bigint'
            ? expectedRevision
            : undefined;
      if (base !== undefined && (current ?? -1n) !== base) {
        // The server's idempotency check: are these very events stored right after `base`?
        const after = stream.slice(Number(base) + 1, Number(base) + 1 + events.length);
        const same =
          after.length === events.length && after.every((r, i) => r.id === events[i]?.id);
        if (!same) throw conflict();
        const last = after[after.length - 1] as FakeRecord;
        return {
          success: true,
          nextExpectedRevision: last.revision,
          position: this.reportIdempotentPositions ? last.position : undefined,
        };
      }
      if (expectedRevision === 'stream_exists' && current === undefined) throw conflict();
      if (expectedRevision === 'any' || expectedRevision === 'stream_exists') {
        // The server's best-effort check: its cache of recent ids (here: all of them). It stops
        // at the first id it does not know in this stream: the first unknown means "new append".
        const known = events.map((e) => {
          const rec = this.byId.get(e.id);
          return rec?.streamId === streamName ? rec : undefined;
        });
        const firstUnknown = known.findIndex((r) => r === undefined);
        if (firstUnknown > 0) throw conflict(); // "corrupted idempotency"
        const last = known[known.length - 1];
        if (firstUnknown === -1 && last) {
          return { success: true, nextExpectedRevision: last.revision, position: last.position };
        }
      }
      const stored = events.map((e) => this.record(streamName, e.type, e.id, e.data, e.metadata));
      const first = stored[0] as FakeRecord;
      const last = stored[stored.length - 1] as FakeRecord;
      return {
        success: true,
        nextExpectedRevision: last.revision,
        position: { commit: last.position.commit, prepare: first.position.prepare },
      };
    },

    readStream: (
      streamName: string,
      options: { direction: string; fromRevision: ReadRevision; maxCount: number },
    ) => {
      const stream = this.streamOf(streamName);
      if (stream.length === 0) return readable([], new StreamNotFoundError(undefined, streamName));
      const forwards = options.direction === 'forwards';
      const from = options.fromRevision;
      const ordered = forwards ? stream : [...stream].reverse();
      const start = ordered.filter((r) =>
        from === 'start' || from === 'end'
          ? true
          : forwards
            ? r.revision >= (from as bigint)
            : r.revision <= (from as bigint),
      );
      // Stream reads carry $all positions (server 22.6+).
      return readable(start.slice(0, options.maxCount).map((event) => ({ event })));
    },

    readAll: (options: { fromPosition: ReadPosition; direction: string; maxCount: number }) => {
      this.readAllCalls.push(options);
      const from = options.fromPosition;
      const records =
        options.direction === 'forwards'
          ? this.log.filter(
              (r) => from === 'start' || (from !== 'end' && r.position.commit >= from.commit),
            )
          : [...this.log]
              .reverse()
              .filter(
                (r) => from === 'end' || (from !== 'start' && r.position.commit < from.commit),
              );
      return readable(
        records
          .slice(0, options.maxCount)
          .map((event) => ({ event, commitPosition: event.position.commit })),
      );
    },

    subscribeToAll: (options: { fromPosition: ReadPosition; filter: unknown }) => {
      this.subscribeCalls.push(options);
      if (this.failSubscriptions) return readable([], this.failSubscriptions);
      const from = options.fromPosition;
      const sub = readable(
        this.log
          .filter((r) =>
            from === 'start'
              ? true
              : from === 'end'
                ? false
                : this.inclusiveSubscriptions
                  ? r.position.commit >= from.commit
                  : r.position.commit > from.commit,
          )
          .map((event) => ({ event, commitPosition: event.position.commit })),
        undefined,
        true,
      );
      this.live.add(sub);
      sub.on('close', () => this.live.delete(sub));
      return sub;
    },

    dispose: async () => undefined,
  } as unknown as EsdbClient;
}

/** A readable in the client's shape: items, then an error or the end (or neither, if live). */
function readable(items: unknown[], error?: Error, live = false) {
  const stream = new PassThrough({ objectMode: true }) as Live;
  for (const item of items) stream.write(item);
  if (error) setImmediate(() => stream.destroy(error));
  else if (!live) stream.end();
  const stop = async () => {
    if (!stream.writableEnded && !stream.destroyed) stream.end();
  };
  if (!error) setImmediate(() => stream.emit('confirmation'));
  return Object.assign(stream, { cancel: stop, unsubscribe: stop });
}
