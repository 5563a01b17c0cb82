import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Counter } from 'prom-client';
import { createMetricsRegistry, openEventStore, startHealthServer } from '../src';

describe('metrics and health server', () => {
  test('/metrics in Prometheus text, /healthz and /readyz from their probes', async () => {
    const registry = createMetricsRegistry({ service: 'test' });
    new Counter({ name: 'test_things_total', help: 'things', registers: [registry] }).inc(3);
    let ready = false;
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      health: () => ({ ok: true }),
      readiness: () => (ready ? { ok: true } : { ok: false, reason: 'joining' }),
    });
    const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);
    try {
      const metrics = await (await get('/metrics')).text();
      expect(metrics).toContain('test_things_total{service="test"} 3');
      expect(metrics).toContain('process_cpu_user_seconds_total');
      expect((await get('/healthz')).status).toBe(200);
      const notReady = await get('/readyz');
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'unavailable', reason: 'joining' });
      ready = true;
      expect((await get('/readyz')).status).toBe(200);
      expect((await get('/nope')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('openEventStore', () => {
  test('opens SQLite in the configured folder, creating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runtime-test-'));
    try {
      const store = await openEventStore({
        kind: 'sqlite',
        path: join(dir, 'nested', 'events.sqlite'),
      });
      expect(await store.headPosition()).toBeUndefined();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
