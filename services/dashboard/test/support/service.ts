import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A real `rebate serve` on SQLite in a fresh folder, with the product-sheet scenario loaded. */

export const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const cli = join(repoRoot, 'services', 'cli', 'dist', 'main.js');
const dashboardIndex = join(repoRoot, 'services', 'dashboard', 'dist', 'index.html');

export interface RunningService {
  readonly url: string;
  readonly dataDir: string;
  /** `rebate token ...` against this service's secret; `--link` gives the sign-in link. */
  readonly token: (args: readonly string[]) => string;
  readonly api: <T>(method: string, path: string, token: string, body?: unknown) => Promise<T>;
  readonly stop: () => Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });

const waitReady = async (url: string, child: ChildProcess, log: () => string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`rebate serve exited ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`rebate serve was not ready in 30 s:\n${log()}`);
};

export const startService = async (): Promise<RunningService> => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm install (it builds)`);
  if (!existsSync(dashboardIndex)) {
    throw new Error(`${dashboardIndex} is missing: run pnpm install (it builds the dashboard)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'rebate-dashboard-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  delete env['JWT_SECRET'];
  delete env['EVENT_STORE'];
  let output = '';
  const child = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitReady(url, child, () => output);

  const token = (args: readonly string[]): string =>
    execFileSync(process.execPath, [cli, 'token', ...args], {
      env: { ...env, PORT: String(port) },
      encoding: 'utf8',
    }).trim();

  const api = async <T>(method: string, path: string, jwt: string, body?: unknown): Promise<T> => {
    const ndjson = typeof body === 'string';
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${jwt}`,
        ...(body === undefined
          ? {}
          : { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' }),
      },
      body: body === undefined ? undefined : ndjson ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };

  const admin = token(['--role', 'admin']);
  const scenario = readFileSync(join(repoRoot, 'examples', 'product-sheet.ndjson'), 'utf8');
  await api('POST', '/v1/commands', admin, scenario);

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, token, api, stop };
};
