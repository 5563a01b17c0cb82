import type { EventStore } from '@rebate/event-store';
import type { LedgerEvent } from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';

/**
 * One stream folded in memory with a pure `evolve`. Catching up reads only the events appended
 * since the last read, so no command ever replays the stream from its start (after the first).
 */
export class StreamFold<S, E extends LedgerEvent> {
  private state: S;
  private revision: number | undefined;
  private inFlight: Promise<S> | undefined;

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    initial: S,
    private readonly evolve: (state: S, event: E) => S,
  ) {
    this.state = initial;
  }

  get current(): { readonly state: S; readonly revision: number | undefined } {
    return { state: this.state, revision: this.revision };
  }

  /** Overlapping calls share one read, so no event is ever folded twice. */
  catchUp(): Promise<S> {
    this.inFlight ??= this.readNewEvents().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async readNewEvents(): Promise<S> {
    const from = this.revision === undefined ? 0 : this.revision + 1;
    for await (const recorded of this.store.readStream(this.streamId, { fromRevision: from })) {
      if (this.revision !== undefined && recorded.revision <= this.revision) continue; // applied meanwhile
      this.state = this.evolve(this.state, fromRecorded(recorded) as E);
      this.revision = recorded.revision;
    }
    return this.state;
  }

  /** Applies what this process just appended, so the next command needs no read. */
  applyAppended(events: readonly E[], nextRevision: number): void {
    // Someone else appended in between: the next catchUp reads their events and ours.
    if ((this.revision ?? -1) !== nextRevision - events.length) return;
    this.state = events.reduce(this.evolve, this.state);
    this.revision = nextRevision;
  }
}
