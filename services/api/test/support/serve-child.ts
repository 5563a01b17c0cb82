import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

export interface ServeChild {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) when it ends. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * A real `rebate serve` process, run from the sources (scripts/register-ts.js), on port 0; its
 * address is read from what it prints on stderr.
 */
export const startServeChild = async (env: Record<string, string>): Promise<ServeChild> => {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'scripts/register-ts.js'), join(root, 'services/cli/src/main.ts'), 'serve'],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once('exit', (code, signal) => done(signal ?? code)),
  );
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`rebate serve did not start:\n${stderr}`)),
      60_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /rebate ledger API\s+(http:\/\/\S+)/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`rebate serve exited (${String(code)}) before listening:\n${stderr}`));
    });
  });
  return { url, child, stderr: () => stderr, exited };
};

/** kill -9, and wait until it is gone. */
export const killHard = async (serve: ServeChild): Promise<void> => {
  serve.child.kill('SIGKILL');
  await serve.exited;
};
