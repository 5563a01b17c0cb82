import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startService } from '@rebate/api';
import { parseInstant } from '@rebate/domain';
import { trade } from '@rebate/test-support';
import { ingest } from '../../../cli/src/commands/ingest';
import { payoutsPreview } from '../../../cli/src/commands/payouts-preview';
import { token } from '../../../cli/src/commands/token';

/** `rebate payouts preview` on the service's own store: the document the dry run answers. */

const captureStdout = async (run: () => Promise<void>): Promise<string> => {
  const chunks: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
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

const lines = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: '2026-09-01T00:00:00Z' },
  { type: 'set-payout-hold', days: 10, at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C2', at: '2026-09-01T00:00:00Z' },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
  // C1: 10 lots x 15 x 20% = 30 on the 2nd; C2: 0.33 lots = 0.99, on the 20th.
  trade('T1', 'C1', '10', '2026-09-02T00:00:00Z'),
  trade('T2', 'C2', '0.33', '2026-09-20T00:00:00Z'),
  trade('T3', 'C1', '1', '2026-09-20T00:00:00Z'),
];

describe('rebate payouts preview', () => {
  let dataDir: string;
  let service: RunningService;
  let admin: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rebate-preview-'));
    service = await startService({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    process.env['DATA_DIR'] = dataDir;
    delete process.env['JWT_SECRET'];
    delete process.env['EVENT_STORE'];
    delete process.env['DATABASE_URL'];
    const file = join(dataDir, 'lines.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    const answer = JSON.parse(
      await captureStdout(() => ingest(file, { url: service.url, chunk: '100' })),
    );
    expect(answer).toMatchObject({ accepted: lines.length, rejectedLines: [] });
    admin = (await captureStdout(() => token({ role: 'admin', expires: '1h' }))).trim();
  });
  afterAll(async () => {
    process.env = saved;
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  test('now: the CLI prints what POST /v1/payout-runs?dryRun=true answers, at the same instant', async () => {
    const answered = await post('/v1/payout-runs?dryRun=true', { minimumUsd: '0.5' });
    expect(answered.status).toBe(200);
    const fromApi = await answered.json();
    const fromCli = JSON.parse(
      await captureStdout(() => payoutsPreview({ at: fromApi.at, minAmount: '0.5' })),
    );
    expect(fromCli).toEqual(fromApi);
    // Every trade is older than the 10-day hold now; C2's 0.99, over the minimum.
    expect(fromCli).toMatchObject({
      runId: fromApi.at,
      holdDays: 10,
      payouts: [
        { payoutId: `${fromApi.at}/C1`, clientId: 'C1', partnerId: 'P1', amount: '33' },
        { payoutId: `${fromApi.at}/C2`, clientId: 'C2', partnerId: 'P1', amount: '0.99' },
      ],
      total: '33.99',
    });
  });

  test('the hold: a preview on the 25th pays only what closed by the 15th', async () => {
    const preview = JSON.parse(
      await captureStdout(() => payoutsPreview({ at: '2026-09-25T00:00:00Z' })),
    );
    expect(preview).toEqual({
      runId: '2026-09-25T00:00:00Z',
      at: '2026-09-25T00:00:00Z',
      holdDays: 10,
      cutoff: '2026-09-15T00:00:00Z',
      payouts: [
        { payoutId: '2026-09-25T00:00:00Z/C1', clientId: 'C1', partnerId: 'P1', amount: '30' },
      ],
      total: '30',
    });
    const table = await captureStdout(() =>
      payoutsPreview({ at: '2026-09-25T00:00:00Z', format: 'table' }),
    );
    expect(table).toMatch(/^run +2026-09-25T00:00:00Z at 2026-09-25T00:00:00Z$/m);
    expect(table).toMatch(/^hold +10 days, cutoff 2026-09-15T00:00:00Z$/m);
    expect(table).toMatch(/^2026-09-25T00:00:00Z\/C1 +C1 +P1 +30$/m);
  });

  test('a run already made previews as paying nothing more; a conflicting one is rejected', async () => {
    const ran = await post('/v1/payout-runs', { runId: 'R1', minimumUsd: '1' });
    expect(ran.status).toBe(200);
    const made = (await (
      await fetch(`${service.url}/v1/payout-runs/R1`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { at: string; payouts: { amount: string }[] };
    expect(made.payouts.map((p) => p.amount)).toEqual(['33']);
    const again = JSON.parse(
      await captureStdout(() => payoutsPreview({ at: made.at, runId: 'R1', minAmount: '1' })),
    );
    expect(again).toEqual({
      runId: 'R1',
      at: made.at,
      holdDays: 10,
      cutoff: expect.any(String),
      payouts: [],
      total: '0',
    });
    // Another minimum under the same id: the API and the CLI both reject it.
    expect(
      (await post('/v1/payout-runs?dryRun=true', { runId: 'R1', minimumUsd: '2' })).status,
    ).toBe(409);
    await expect(payoutsPreview({ at: made.at, runId: 'R1', minAmount: '2' })).rejects.toThrow(
      /rejected \(conflicting-run\)/,
    );
    const at = new Date().toISOString();
    // After the run, a new one would pay only C2's 0.99 (C1 was paid 33).
    const next = JSON.parse(await captureStdout(() => payoutsPreview({ at })));
    expect(next.payouts).toEqual([
      // The run id is the canonical form of `at` (rules 9: no trailing zeros in the fraction).
      { payoutId: `${parseInstant(at)}/C2`, clientId: 'C2', partnerId: 'P1', amount: '0.99' },
    ]);
  });

  test('a bad flag is named', async () => {
    await expect(payoutsPreview({ format: 'xml' })).rejects.toThrow(
      /--format must be json or table/,
    );
    await expect(payoutsPreview({ at: 'yesterday' })).rejects.toThrow(/--at must be/);
    await expect(payoutsPreview({ minAmount: 'ten' })).rejects.toThrow(
      /--min-amount: .*minimumUsd/,
    );
    await expect(payoutsPreview({ runId: '' })).rejects.toThrow(/--run-id: .*runId/);
  });
});
