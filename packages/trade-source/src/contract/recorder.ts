import { type BatchHandler, type Disposition, done } from '../disposition';
import type { SourceMessage } from '../message';

/** A handler that records what it is given and answers with `decide` (default: done). */
export class RecordingHandler {
  readonly batches: SourceMessage[][] = [];
  calls = 0;

  constructor(
    private readonly decide: (message: SourceMessage, call: number) => Disposition | 'throw' = () =>
      done,
    private readonly delayMs = 0,
  ) {}

  get messages(): SourceMessage[] {
    return this.batches.flat();
  }

  readonly handle: BatchHandler = async (batch) => {
    this.calls += 1;
    const call = this.calls;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const dispositions = batch.messages.map((message) => this.decide(message, call));
    if (dispositions.includes('throw'))
      throw new Error(`handler failure on call ${call} (on purpose)`);
    this.batches.push([...batch.messages]);
    return dispositions as Disposition[];
  };
}

/** Polls until `ready()` or fails after `timeoutMs` with `what()` in the message. */
export const waitFor = async (
  ready: () => boolean,
  timeoutMs: number,
  what: () => string,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
