import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestionConfigFromEnv } from '../../ingestion/src/config';
import { LOCAL_SECRET_FILE, startService, tokenLifetimeSeconds } from '@rebate/api';
import { token } from '../../cli/src/commands/token';
import { killHard, startServeChild } from './support/serve-child';

/** Hardening #11, #14 (CLI) and #16 for the one-process service and its data folder. */

const captureStdout = async (run: () => Promise<void>): Promise<string> => {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
};

describe('the service`s secrets, files and metrics', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebate-hard-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('#16 the data folder is 700, its databases and secret 600', async () => {
    const dir = dataDir();
    chmodSync(dir, 0o755);
    const service = await startService({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
    try {
      expect(service.secretGenerated).toBe(true);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const file of ['events.sqlite', 'readmodels.sqlite', 'api.sqlite', LOCAL_SECRET_FILE]) {
        expect([file, statSync(join(dir, file)).mode & 0o777]).toEqual([file, 0o600]);
      }
    } finally {
      await service.stop();
    }
  });

  test('#16 a token secret file readable by others is refused', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, LOCAL_SECRET_FILE), 'a-secret-that-is-long-enough-for-hs256\n', {
      mode: 0o644,
    });
    chmodSync(join(dir, LOCAL_SECRET_FILE), 0o644);
    await expect(startService({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' })).rejects.toThrow(
      /readable by others.*chmod 600/,
    );
  });

  test('#16 metrics on a separate loopback listener, or with METRICS_TOKEN', async () => {
    const service = await startService({
      DATA_DIR: dataDir(),
      PORT: '0',
      METRICS_PORT: '0',
      METRICS_TOKEN: 'scraper-token-of-at-least-32-bytes!!',
      LOG_LEVEL: 'silent',
    });
    try {
      expect(service.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const separate = await fetch(`${service.metricsUrl}/metrics`);
      expect(separate.status).toBe(200);
      expect(await separate.text()).toContain('rebate_api_store_head_position');
      expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${service.url}/metrics`, {
        headers: { authorization: 'Bearer scraper-token-of-at-least-32-bytes!!' },
      });
      expect(scraped.status).toBe(200);
      const wrong = await fetch(`${service.url}/metrics`, {
        headers: { authorization: 'Bearer scraper-token-of-at-least-32-bytes!?' },
      });
      expect(wrong.status).toBe(401);
    } finally {
      await service.stop();
    }
  });

  test('#16 the ingestion`s metrics listen on loopback by default', () => {
    const config = ingestionConfigFromEnv({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(config.metrics.host).toBe('127.0.0.1');
  });

  test('#11 rebate serve prints an admin token only for a secret it generated', async () => {
    const generated = await startServeChild({ DATA_DIR: dataDir() });
    try {
      expect(generated.stderr()).toMatch(/admin token \(1h\)\s+ey/);
    } finally {
      await killHard(generated);
    }
    const configured = await startServeChild({
      DATA_DIR: dataDir(),
      JWT_SECRET: 'a-configured-secret-of-32-bytes-or-more',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(configured.stderr()).toContain('rebate ledger API');
      expect(configured.stderr()).not.toMatch(/admin token|ey[A-Za-z0-9_-]{10,}\./);
    } finally {
      await killHard(configured);
    }
  }, 120_000);

  test('#14 rebate token: 1 h by default, never longer than JWT_MAX_LIFETIME_S', async () => {
    const saved = { ...process.env };
    process.env['JWT_SECRET'] = 'a-configured-secret-of-32-bytes-or-more';
    try {
      const jwt = (await captureStdout(() => token({ role: 'admin', expires: '1h' }))).trim();
      expect(tokenLifetimeSeconds(jwt)).toBe(3600);
      await expect(token({ role: 'admin', expires: '100y' })).rejects.toThrow(
        /longer than JWT_MAX_LIFETIME_S/,
      );
      process.env['JWT_MAX_LIFETIME_S'] = String(30 * 86400);
      const month = (await captureStdout(() => token({ role: 'admin', expires: '30d' }))).trim();
      expect(tokenLifetimeSeconds(month)).toBe(30 * 86400);
    } finally {
      process.env = saved;
    }
  });
});
