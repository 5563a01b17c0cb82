/**
 * Child processes of the benchmark and the soak: the built services started with an environment,
 * their RSS sampled from /proc (start, peak, end), their log tail kept for failure messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'services/cli/dist/main.js');
export const INGESTION = join(ROOT, 'services/ingestion/dist/main.js');

/** Resident set size of a process in MB, undefined once it is gone. */
export const rssMbOf = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

export interface RssFigures {
  startMb: number;
  peakMb: number;
  endMb: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export class ServiceChild {
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private rss: number[] = [];
  private highWater = 0;
  private sampler: NodeJS.Timeout;
  private exitedYet = false;

  constructor(
    readonly name: string,
    args: string[],
    env: Record<string, string>,
    options: { sampleEveryMs?: number; stdoutFd?: number } = {},
  ) {
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'],
    });
    const sampleEveryMs = options.sampleEveryMs ?? 500;
    const keep = (chunk: Buffer) => {
      this.logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.logs.length > 400) this.logs.splice(0, this.logs.length - 200);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((done) =>
      this.child.once('exit', (code, signal) => {
        this.exitedYet = true;
        clearInterval(this.sampler);
        done({ code, signal });
      }),
    );
    this.sampler = setInterval(() => this.sample(), sampleEveryMs);
    this.sampler.unref();
  }

  readonly child: ChildProcess;

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return !this.exitedYet;
  }

  sample(): void {
    const mb = rssMbOf(this.pid);
    if (mb !== undefined) this.rss.push(mb);
    this.highWater = Math.max(this.highWater, rssMbOf(this.pid, 'VmHWM') ?? 0);
  }

  rssFigures(): RssFigures {
    this.sample();
    return {
      startMb: round1(this.rss[0] ?? 0),
      peakMb: round1(Math.max(this.highWater, ...this.rss)),
      endMb: round1(this.rss[this.rss.length - 1] ?? 0),
    };
  }

  async waitForLog(text: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.logs.some((line) => line.includes(text))) {
      if (!this.alive) throw new Error(`${this.name} exited before "${text}":\n${this.tail()}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name}: no "${text}" in ${timeoutMs} ms\n${this.tail()}`);
      await sleep(50);
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.alive) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  tail(lines = 20): string {
    return this.logs.slice(-lines).join('\n');
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Progress for a person at a terminal: stderr, only when it is a TTY. */
export const progress = (text: string): void => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
};
export const progressDone = (text: string): void => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}\n`);
};
