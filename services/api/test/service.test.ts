import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LOCAL_SECRET_FILE, type RunningService, mintToken, startService } from '@rebate/api';
import { requireDatabaseUrl } from '@rebate/test-support/api';

/** The one-process service (`rebate serve`): data and its token secret survive a restart. */

const call = async (
  service: RunningService,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) => {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const restartKeepsData = async (env: Record<string, string>) => {
  const first = await startService(env);
  let token: string;
  try {
    expect(first.secret).toBeDefined();
    token = await mintToken({ secret: first.secret as string, role: 'admin' });
    const registered = await call(first, token, 'POST', '/v1/partners', {
      partnerId: 'P1',
      model: 'agent',
    });
    expect(registered.status).toBe(201);
    const read = await call(
      first,
      token,
      'GET',
      `/v1/partners/P1?minPosition=${String(registered.json['position'])}`,
    );
    expect(read.status).toBe(200);
  } finally {
    await first.stop();
  }
  const second = await startService(env);
  try {
    expect(second.secret).toBe(first.secret);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const again = await call(second, token, 'GET', '/v1/partners/P1');
    expect(again).toMatchObject({ status: 200, json: { partnerId: 'P1', model: 'agent' } });
    const duplicate = await call(second, token, 'POST', '/v1/partners', {
      partnerId: 'P1',
      model: 'agent',
    });
    expect(duplicate.status).toBe(409);
  } finally {
    await second.stop();
  }
};

describe('startService', () => {
  test('embedded default (SQLite in DATA_DIR): survives a restart, secret kept owner-only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rebate-serve-'));
    try {
      await restartKeepsData({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
      expect(statSync(join(dataDir, LOCAL_SECRET_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'events.sqlite')).isFile()).toBe(true);
      expect(statSync(join(dataDir, 'readmodels.sqlite')).isFile()).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('EVENT_STORE=postgres: store and read models in PostgreSQL survive a restart', async () => {
    const url = requireDatabaseUrl();
    const suffix = randomBytes(5).toString('hex');
    const schemas = [`svc_es_${suffix}`, `svc_rm_${suffix}`];
    const dataDir = mkdtempSync(join(tmpdir(), 'rebate-serve-pg-'));
    try {
      await restartKeepsData({
        EVENT_STORE: 'postgres',
        DATABASE_URL: url,
        DATABASE_SCHEMA: schemas[0] as string,
        READ_MODELS_SCHEMA: schemas[1] as string,
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'a-configured-secret-of-32-bytes-or-more',
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new Client({ connectionString: url });
      await client.connect();
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  test('a bad setting stops the start with a message naming it', async () => {
    await expect(startService({ PORT: 'eighty', LOG_LEVEL: 'silent' })).rejects.toThrow(
      /PORT must be/,
    );
  });
});
