import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createLogger } from '@rebate/runtime';
import { ingestionConfigFromEnv } from '../../src/config';
import { type IngestionService, startIngestion } from '../../src/ingestion-service';

const ROOT = resolve(__dirname, '../../../..');
const REGISTER = join(ROOT, 'scripts/register-ts.js');
/** The ingestion service's entry points: `main` (trades) and the payouts processes. */
export type ServiceEntry = 'main' | 'payout-relay-main' | 'payout-results-main';
const sourceOf = (entry: ServiceEntry) => join(ROOT, `services/ingestion/src/${entry}.ts`);
const distOf = (entry: ServiceEntry) => join(ROOT, `services/ingestion/dist/${entry}.js`);

export type ServiceEnv = Readonly<Record<string, string>>;

/**
 * Settings every test service gets: a random metrics port and bounded shutdown. The group
 * timeouts are the production defaults (the failover test measures them).
 */
const testDefaults: ServiceEnv = {
  METRICS_PORT: '0',
  METRICS_HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SHUTDOWN_TIMEOUT_MS: '15000',
};

/** The service in this process (fast; the end-to-end and rebalance tests use it). */
export const startInProcess = async (env: ServiceEnv): Promise<IngestionService> =>
  startIngestion(
    ingestionConfigFromEnv({ ...testDefaults, LOG_LEVEL: 'fatal', ...env }),
    createLogger({ name: 'ingestion-test', level: 'fatal' }),
  );

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * The service as a child process, run from its TypeScript sources through the same swc
 * transform jest uses (no stale dist, no build step); INGESTION_ENTRY=dist runs the built
 * `services/ingestion/dist/main.js` instead. Its JSON log lines are kept for assertions and
 * for the failure message.
 */
export class ServiceProcess {
  readonly logs: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        done(this.exit);
      }),
    );
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      this.logs.push(...lines.filter((line) => line !== ''));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  static start(env: ServiceEnv, entry: ServiceEntry = 'main'): ServiceProcess {
    const args =
      process.env['INGESTION_ENTRY'] === 'dist'
        ? [distOf(entry)]
        : ['-r', REGISTER, sourceOf(entry)];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...testDefaults, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child);
  }

  get hasExited(): Exit | undefined {
    return this.exit;
  }

  /** Resolves once a log line with this `msg` appears; rejects if the process exits first. */
  async waitForLog(msg: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.logs.some((line) => line.includes(`"msg":"${msg}"`))) {
      if (this.exit)
        throw new Error(
          `service exited (${JSON.stringify(this.exit)}) before "${msg}"\n${this.tail()}`,
        );
      if (Date.now() > deadline)
        throw new Error(`no "${msg}" within ${timeoutMs} ms\n${this.tail()}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** The exit, or a failure after `timeoutMs` (the child is then SIGKILLed). */
  async waitForExit(timeoutMs = 30_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill('SIGKILL');
        reject(new Error(`service did not exit within ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** For failure messages. */
  tail(lines = 25): string {
    return this.logs.slice(-lines).join('\n');
  }

  /** Ends it whatever state it is in (afterEach). */
  async dispose(): Promise<void> {
    if (!this.exit) {
      this.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** The number of a counter in the Prometheus text of `/metrics`. */
export const scrapeCounter = async (port: number, name: string): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
};
