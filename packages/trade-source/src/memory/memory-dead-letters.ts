import type { DeadLetter, DeadLetterSink } from '../dead-letter';

/** Keeps published letters in order; `failNext` makes the next publishes fail (transient). */
export class MemoryDeadLetterSink implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  private failures = 0;

  failNext(times = 1): void {
    this.failures += times;
  }

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('dead-letter sink unavailable (simulated)');
    }
    this.letters.push(...letters);
  }

  async close(): Promise<void> {}
}
