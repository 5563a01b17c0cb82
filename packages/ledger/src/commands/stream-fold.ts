import type { EventStore } from '@rebate/event-store';
import type { LedgerEvent } from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';

/**
 * One stream folded in memory with a pure `evolve`. Catching up reads only the events appended
 * since the last read, so no command ever replays the stream from its start (after the first).
 */
/** A state and the revision of the last event folded into it, read together. */
export interface FoldSnapshot<S> {
  readonly state: S;
  readonly revision: number | undefined;
}

export class StreamFold<S, E extends LedgerEvent> {
  private state: S;
  private revision: number | undefined;
  private inFlight: Promise<FoldSnapshot<S>> | undefined;
  /** The read that starts when `inFlight` ends, shared by the calls made meanwhile. */
  private queued: Promise<FoldSnapshot<S>> | undefined;

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    initial: S,
    private readonly evolve: (state: S, event: E) => S,
  ) {
    this.state = initial;
  }

  get current(): FoldSnapshot<S> {
    return { state: this.state, revision: this.revision };
  }

  /**
   * The state with every event appended before this call. Overlapping calls share reads, so
   * no event is folded twice; but a read already in flight began before this call and may miss
   * an append committed just before it (a terms change, then a trade consumed on another
   * partition or received by another request). So a call that finds a read in flight waits for
   * it and shares the one read queued after it, which begins after the call did: one extra
   * incremental read at most, however many calls arrive meanwhile.
   */
  catchUp(): Promise<S> {
    return this.snapshot().then((read) => read.state);
  }

  /**
   * As `catchUp`, with the revision the state was folded up to, taken at the same moment: a
   * decision appended with this revision fails if anything it did not see was appended since
   * (`current`, read later, may already hold events folded by another caller meanwhile).
   */
  snapshot(): Promise<FoldSnapshot<S>> {
    if (this.inFlight === undefined) return this.startRead();
    this.queued ??= this.inFlight.then(ignore, ignore).then(() => {
      this.queued = undefined;
      // A read started since the one we waited for began after this call: share it.
      return this.inFlight ?? this.startRead();
    });
    return this.queued;
  }

  private startRead(): Promise<FoldSnapshot<S>> {
    const read: Promise<FoldSnapshot<S>> = this.readNewEvents().finally(() => {
      if (this.inFlight === read) this.inFlight = undefined;
    });
    this.inFlight = read;
    return read;
  }

  private async readNewEvents(): Promise<FoldSnapshot<S>> {
    const from = this.revision === undefined ? 0 : this.revision + 1;
    for await (const recorded of this.store.readStream(this.streamId, { fromRevision: from })) {
      if (this.revision !== undefined && recorded.revision <= this.revision) continue; // applied meanwhile
      this.state = this.evolve(this.state, fromRecorded(recorded) as E);
      this.revision = recorded.revision;
    }
    return this.current;
  }

  /** Applies what this process just appended, so the next command needs no read. */
  applyAppended(events: readonly E[], nextRevision: number): void {
    // Someone else appended in between: the next catchUp reads their events and ours.
    if ((this.revision ?? -1) !== nextRevision - events.length) return;
    this.state = events.reduce(this.evolve, this.state);
    this.revision = nextRevision;
  }
}

const ignore = (): void => undefined;
