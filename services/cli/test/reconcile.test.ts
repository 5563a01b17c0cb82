import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startService } from '@rebate/api';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runScenario } from '@rebate/ledger';
import type { ClientReconciliation, PartnerReconciliation } from '@rebate/read-models';
import { propertySeed } from '@rebate/test-support';
import {
  longScenarioWithPayouts,
  payoutResults,
} from '../../../packages/read-models/test/support/reconciliation-scenario';
import { reconcile } from '../src/commands/reconcile';
import { token } from '../src/commands/token';

/**
 * `rebate reconcile` replays the configured store and prints the very documents (JSON and CSV)
 * that GET /v1/reconciliation/* answers from the running service's read models.
 */

const captureStdout = async (run: () => Promise<void>): Promise<string> => {
  const chunks: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return chunks.join('');
};

describe('rebate reconcile', () => {
  let dataDir: string;
  let service: RunningService;
  let finance: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rebate-reconcile-'));
    const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    try {
      const seed = propertySeed('rebate reconcile = the API');
      const history = longScenarioWithPayouts(seed, 6).map((line) => JSON.stringify(line));
      const report = await runScenario(history, store);
      const results = payoutResults(report).map((line) => JSON.stringify(line));
      await runScenario(results, store, { runId: 'results' });
    } finally {
      await store.close();
    }
    service = await startService({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    process.env['DATA_DIR'] = dataDir;
    delete process.env['JWT_SECRET'];
    finance = (await captureStdout(() => token({ role: 'finance', expires: '1h' }))).trim();
    for (let i = 0; i < 200 && (await fetch(`${service.url}/readyz`)).status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    process.env = saved;
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fromApi = async (path: string) => {
    const answer = await fetch(`${service.url}${path}`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(answer.status).toBe(200);
    return answer.text();
  };

  test.each(['partners', 'clients'] as const)(
    '%s: the CLI prints what the API answers, JSON and CSV, whole and in a range',
    async (report) => {
      const whole = JSON.parse(await captureStdout(() => reconcile(report, { dataDir })));
      expect(whole).toEqual(JSON.parse(await fromApi(`/v1/reconciliation/${report}`)));
      const document = whole as PartnerReconciliation | ClientReconciliation;
      expect(document.rows.length).toBeGreaterThan(5);

      const days = document.rows.map((row) => row.day).sort();
      const [from, to] = [days[1] as string, days[days.length - 2] as string];
      const partner = (document.rows[0] as { partnerId?: string }).partnerId ?? 'P1';
      const csv = await captureStdout(() =>
        reconcile(report, { dataDir, from, to, partner, format: 'csv' }),
      );
      expect(csv).toBe(
        await fromApi(
          `/v1/reconciliation/${report}?from=${from}&to=${to}&partnerId=${partner}&format=csv`,
        ),
      );
      expect(csv.split('\r\n').slice(-2)[0]).toMatch(/^total,,/);

      // As of an instant before anything was recorded: nothing; far ahead: everything.
      const before = JSON.parse(
        await captureStdout(() => reconcile(report, { dataDir, asOf: '2000-01-01T00:00:00Z' })),
      ) as PartnerReconciliation | ClientReconciliation;
      expect(before.rows).toEqual([]);
      const ahead = await captureStdout(() =>
        reconcile(report, { dataDir, asOf: '2999-01-01T00:00:00Z' }),
      );
      expect(JSON.parse(ahead)).toEqual(whole);
    },
  );

  test('bad flags are refused, naming the flag', async () => {
    const run = (report: string, options: Parameters<typeof reconcile>[1]) =>
      captureStdout(() => reconcile(report, { dataDir, ...options }));
    await expect(run('brokers', {})).rejects.toThrow(/partners or clients, not brokers/);
    await expect(run('partners', { from: '2026-13-01' })).rejects.toThrow(/--from must be a day/);
    await expect(run('clients', { to: 'yesterday' })).rejects.toThrow(/--to must be a day/);
    await expect(run('partners', { from: '2026-09-02', to: '2026-09-01' })).rejects.toThrow(
      /--to must not be before --from/,
    );
    await expect(run('partners', { format: 'xml' })).rejects.toThrow(
      /--format must be json or csv/,
    );
    await expect(run('clients', { asOf: 'noon' })).rejects.toThrow(/--as-of must be/);
    await expect(run('clients', { partner: 'NOPE' })).rejects.toThrow(/unknown partner NOPE/);
  });
});
