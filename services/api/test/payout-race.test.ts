import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, mintToken, startService } from '@rebate/api';

/**
 * Hardening #5 on the embedded service (SQLite files in a data folder, as `rebate serve` runs):
 * twenty parallel payout runs over many balances. Each answers 200, or 409 concurrent-update;
 * never a 500; nobody is paid twice.
 */
describe('parallel payout runs on the embedded SQLite service', () => {
  let dataDir: string;
  let service: RunningService;
  let token: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rebate-payouts-'));
    service = await startService({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    token = await mintToken({ secret: service.secret as string, role: 'admin' });
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  test('twenty at once: 200 or 409, never 500, each balance paid once', async () => {
    const at = '2026-09-01T00:00:00Z';
    const clients = Array.from({ length: 40 }, (_, i) => `PC${i}`);
    const lines = [
      { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '10', at },
      { type: 'register-partner', partnerId: 'PP', model: 'agent', at },
      { type: 'set-rebate-rate', partnerId: 'PP', percent: '50', at },
      ...clients.map((clientId) => ({ type: 'attach-client', partnerId: 'PP', clientId, at })),
      ...clients.map((clientId, i) => ({
        type: 'trade-closed',
        tradeId: `PT${i}`,
        clientId,
        accountType: 'FIXED',
        symbol: 'EURUSD',
        lots: '1',
        closedAt: '2026-09-02T00:00:00Z',
      })),
    ];
    const imported = await post(
      '/v1/commands',
      lines.map((line) => JSON.stringify(line)).join('\n'),
      'application/x-ndjson',
    );
    expect(imported.status).toBe(200);
    const runs = await Promise.all(Array.from({ length: 20 }, () => post('/v1/payout-runs')));
    for (const run of runs) {
      expect([run.status, run.status === 409 ? run.json['code'] : 'ok']).toEqual(
        run.status === 409 ? [409, 'concurrent-update'] : [200, 'ok'],
      );
    }
    const positions = runs
      .map((run) => run.json['position'])
      .filter((p): p is string => typeof p === 'string')
      .map(BigInt);
    const last = positions.reduce((a, b) => (a > b ? a : b), 0n);
    const read = await fetch(`${service.url}/v1/partners/PP?minPosition=${last}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    // 40 clients x 1 lot x 10 USD x 50% = 200 USD of rebates, paid exactly once.
    expect(await read.json()).toMatchObject({ rebates: '200' });
    const clientsRead = await fetch(`${service.url}/v1/clients?minPosition=${last}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { items } = (await clientsRead.json()) as {
      items: { paidOut: string; balance: string }[];
    };
    expect(items.map((c) => [c.paidOut, c.balance])).toEqual(clients.map(() => ['5', '0']));
  }, 60_000);
});
