import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { AppendResult, EventData, ExpectedRevision, StreamAppend } from '../port';
import type { ChildEntry, ContractHarness, ContractStore, JsonValue } from './harness';

/** How a call ended in the child: errors travel as plain data (name, message, actual). */
export type ChildOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ChildError };

export interface ChildError {
  readonly name: string;
  readonly message: string;
  readonly actual?: number;
}

type ChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'fatal'; readonly message: string }
  | { readonly kind: 'progress'; readonly done: number }
  | ({ readonly kind: 'reply'; readonly id: number } & ChildOutcome<unknown>);

const RUNNER = join(__dirname, 'child', 'runner.js');

/**
 * The same store opened in another process (see `child/runner.js`): real concurrent writers,
 * and writers that can be SIGKILLed. Messages use v8 serialisation, so bigints survive.
 */
export class ChildStore {
  private nextId = 0;
  private readonly pending = new Map<number, (outcome: ChildOutcome<unknown>) => void>();
  private progressListener: ((done: number) => void) | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: ChildMessage) => this.receive(message));
    child.once('exit', (code, signal) => this.failPending(`child exited (${signal ?? code})`));
  }

  /** Starts a process that opens the store `entry` opens from `config`, once it is ready. */
  static async start(entry: ChildEntry, config: JsonValue): Promise<ChildStore> {
    const args = [entry.modulePath, entry.exportName, JSON.stringify(config)];
    const child = fork(RUNNER, args, { serialization: 'advanced', execArgv: [] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (message: ChildMessage) =>
        message.kind === 'ready' ? resolve() : reject(new Error(JSON.stringify(message))),
      );
      child.once('exit', (code) => reject(new Error(`child exited with ${code} before ready`)));
    });
    return new ChildStore(child);
  }

  append(
    streamId: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<ChildOutcome<AppendResult>> {
    return this.call({ op: 'append', streamId, events, expected });
  }

  appendMany(appends: readonly StreamAppend[]): Promise<ChildOutcome<AppendResult[]>> {
    return this.call({ op: 'appendMany', appends });
  }

  /** Runs `appendMany` for each call in order, reporting each completed call to `onProgress`. */
  appendSequence(
    calls: readonly (readonly StreamAppend[])[],
    onProgress: (done: number) => void,
  ): Promise<ChildOutcome<number>> {
    this.progressListener = onProgress;
    return this.call({ op: 'appendSequence', calls });
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.call({ op: 'close' });
    await this.exited;
  }

  private call<T>(request: Record<string, unknown>): Promise<ChildOutcome<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (outcome: ChildOutcome<unknown>) => void);
      this.child.send({ ...request, id });
    });
  }

  private failPending(message: string): void {
    for (const resolve of this.pending.values()) {
      resolve({ ok: false, error: { name: 'ChildExited', message } });
    }
    this.pending.clear();
  }

  private receive(message: ChildMessage): void {
    if (message.kind === 'progress') this.progressListener?.(message.done);
    if (message.kind !== 'reply') return;
    const resolve = this.pending.get(message.id);
    this.pending.delete(message.id);
    resolve?.(message.ok ? { ok: true, value: message.value } : message);
  }
}

/** Starts `count` children on the same store; stop them with `closeAll`. */
export async function startChildren(
  harness: ContractHarness,
  target: ContractStore,
  count: number,
): Promise<ChildStore[]> {
  const start = () => ChildStore.start(harness.childEntry, target.childConfig);
  return Promise.all(Array.from({ length: count }, start));
}

export async function closeAll(children: readonly ChildStore[]): Promise<void> {
  await Promise.all(children.map((child) => child.close()));
}
