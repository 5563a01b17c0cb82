import type { EventStore } from '@rebate/event-store';
import { type AgreementBook, type AgreementEvent, emptyBook, evolveBook } from '@rebate/domain';
import { fromRecorded } from '../store/event-codec';
import { AGREEMENTS_STREAM } from '../store/streams';

/**
 * The agreements stream folded in memory. Catching up reads only the events appended since the
 * last read, so no command ever replays the stream from its start (after the first).
 */
export class AgreementCache {
  private book: AgreementBook = emptyBook;
  private revision: number | undefined;
  private inFlight: Promise<AgreementBook> | undefined;

  constructor(private readonly store: EventStore) {}

  get current(): { readonly book: AgreementBook; readonly revision: number | undefined } {
    return { book: this.book, revision: this.revision };
  }

  /** Overlapping calls share one read, so no event is ever folded twice. */
  catchUp(): Promise<AgreementBook> {
    this.inFlight ??= this.readNewEvents().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async readNewEvents(): Promise<AgreementBook> {
    const from = this.revision === undefined ? 0 : this.revision + 1;
    for await (const recorded of this.store.readStream(AGREEMENTS_STREAM, { fromRevision: from })) {
      if (this.revision !== undefined && recorded.revision <= this.revision) continue; // applied meanwhile
      this.book = evolveBook(this.book, fromRecorded(recorded) as AgreementEvent);
      this.revision = recorded.revision;
    }
    return this.book;
  }

  /** Applies what this process just appended, so the next command needs no read. */
  applyAppended(events: readonly AgreementEvent[], nextRevision: number): void {
    // Someone else appended in between: the next catchUp reads their events and ours.
    if ((this.revision ?? -1) !== nextRevision - events.length) return;
    this.book = events.reduce(evolveBook, this.book);
    this.revision = nextRevision;
  }
}
