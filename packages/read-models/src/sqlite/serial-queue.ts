/**
 * Runs async jobs one at a time, in call order. The SQLite adapter has one connection, and a
 * transaction's statements are spread over several awaits: without this queue another caller's
 * statement could run inside it (and see its uncommitted rows, or be rolled back with it).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
