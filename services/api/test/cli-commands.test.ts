import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJwtAuthenticator, type RunningService, startService } from '@rebate/api';
import { ingest } from '../../cli/src/commands/ingest';
import { rebuildProjections } from '../../cli/src/commands/projections-rebuild';
import { token } from '../../cli/src/commands/token';
import { trialBalance } from '../../cli/src/commands/trial-balance';

/** `rebate token` and `rebate ingest` against a running service (in this process). */

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

describe('rebate token and rebate ingest', () => {
  let dataDir: string;
  let service: RunningService;
  const saved = { ...process.env };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rebate-cli-'));
    service = await startService({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    process.env['DATA_DIR'] = dataDir;
    delete process.env['JWT_SECRET'];
  });
  afterAll(async () => {
    process.env = saved;
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('token: signed with the secret `serve` generated, verified by the service', async () => {
    const jwt = (
      await captureStdout(() => token({ role: 'partner', partner: 'P1', expires: '1h' }))
    ).trim();
    const auth = createJwtAuthenticator({
      key: { kind: 'secret', secret: service.secret as string },
    });
    expect(await auth.authenticate(`Bearer ${jwt}`)).toMatchObject({
      ok: true,
      principal: { role: 'partner', partnerId: 'P1' },
    });
    await expect(token({ role: 'partner', expires: '1h' })).rejects.toThrow(
      /--partner is required/,
    );
    await expect(token({ role: 'root', expires: '1h' })).rejects.toThrow(/--role must be/);
  });

  test('ingest: a file through the bulk import, in chunks; running it again applies nothing twice', async () => {
    const file = join(dataDir, 'lines.ndjson');
    writeFileSync(
      file,
      [
        '{"type":"set-remuneration","accountType":"FIXED","usdPerLot":"15","at":"2026-09-01T00:00:00Z"}',
        '{"type":"register-partner","partnerId":"P1","model":"agent","at":"2026-09-01T00:00:00Z"}',
        '{"type":"attach-client","partnerId":"P1","clientId":"C1","at":"2026-09-01T00:00:00Z"}',
        '',
        '{"type":"set-rebate-rate","partnerId":"P1","percent":"20","at":"2026-09-01T00:00:00Z"}',
        '{"type":"trade-closed","tradeId":"T1","clientId":"C1","accountType":"FIXED","symbol":"EURUSD","lots":"10","closedAt":"2026-09-02T00:00:00Z"}',
        '{"type":"trade-closed","tradeId":"T1"}',
      ].join('\n'),
    );
    const url = service.url;
    const first = JSON.parse(await captureStdout(() => ingest(file, { url, chunk: '2' })));
    expect(first).toMatchObject({
      lines: 6,
      accepted: 5,
      duplicates: 0,
      rejected: 1,
      rejectedLines: [{ line: 7, code: 'invalid-input', reason: 'clientId is missing' }],
    });
    const again = JSON.parse(await captureStdout(() => ingest(file, { url, chunk: '2' })));
    expect(again).toMatchObject({ lines: 6, accepted: 5, rejected: 1 });

    // Readiness means the projections reached the store's head: the read includes every line.
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const partner = await fetch(`${url}/v1/partners/P1`, {
      headers: {
        authorization: `Bearer ${(await captureStdout(() => token({ role: 'finance', expires: '1h' }))).trim()}`,
      },
    });
    expect(await partner.json()).toMatchObject({ trades: 1, remuneration: '150', rebates: '30' });
  });

  test('trial-balance: the CLI replay prints the document GET /v1/trial-balance answers', async () => {
    const url = service.url;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const finance = (await captureStdout(() => token({ role: 'finance', expires: '1h' }))).trim();
    const answered = await fetch(`${url}/v1/trial-balance`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(answered.status).toBe(200);
    const fromApi = await answered.json();
    const fromCli = JSON.parse(await captureStdout(() => trialBalance({ format: 'json' })));
    expect(fromCli).toEqual(fromApi);
    expect(fromApi).toEqual({
      accounts: [
        { account: 'broker:P1', asset: 'USD', balance: '-150' },
        { account: 'client:C1@P1', asset: 'USD', balance: '30' },
        { account: 'client:C1@P1', asset: 'LOTS', balance: '10' },
        { account: 'client:C1@P1', asset: 'TRADES', balance: '1' },
        { account: 'market', asset: 'LOTS', balance: '-10' },
        { account: 'market', asset: 'TRADES', balance: '-1' },
        { account: 'partner:P1', asset: 'USD', balance: '120' },
      ],
      totals: [
        { asset: 'USD', balance: '0' },
        { asset: 'LOTS', balance: '0' },
        { asset: 'TRADES', balance: '0' },
      ],
    });
    // Before the trade closed nothing had moved; the table form lists the same lines.
    const before = JSON.parse(
      await captureStdout(() => trialBalance({ format: 'json', asOf: '2026-09-01T23:59:59Z' })),
    );
    expect(before.accounts).toEqual([]);
    const table = await captureStdout(() => trialBalance({ format: 'table' }));
    expect(table.split('\n')[0]).toMatch(/^account\s+asset\s+balance$/);
    expect(table).toMatch(/\npartner:P1 +USD +120\n/);
    await expect(trialBalance({ format: 'xml' })).rejects.toThrow(/--format must be json or table/);
    await expect(trialBalance({ asOf: 'yesterday' })).rejects.toThrow(/--as-of must be/);
    // Staff only.
    const partner = (
      await captureStdout(() => token({ role: 'partner', partner: 'P1', expires: '1h' }))
    ).trim();
    const refused = await fetch(`${url}/v1/trial-balance`, {
      headers: { authorization: `Bearer ${partner}` },
    });
    expect(refused.status).toBe(403);
  });

  test('projections rebuild: with the service running, the rebuilt accounts answer the same', async () => {
    const url = service.url;
    const finance = (await captureStdout(() => token({ role: 'finance', expires: '1h' }))).trim();
    const trialBalance = async () =>
      (
        await fetch(`${url}/v1/trial-balance`, { headers: { authorization: `Bearer ${finance}` } })
      ).json();
    const before = await trialBalance();
    const printed = await captureStdout(() => rebuildProjections(undefined));
    expect(printed).toMatch(/^rebuilt accounts up to position \d+ in/m);
    expect(printed).toMatch(/^rebuilt agreements up to position \d+ in/m);
    expect(await trialBalance()).toEqual(before);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  test('ingest sends the bytes as they are: bad UTF-8, a BOM and CRLF are read as simulate reads them', async () => {
    const file = join(dataDir, 'grammar.ndjson');
    const at = '2026-09-01T00:00:00Z';
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          `\ufeff{"type":"register-partner","partnerId":"IG1","model":"agent","at":"${at}"}\r\n`,
        ),
        Buffer.from('{"type":"attach-client","partnerId":"IG1","clientId":"IGC'),
        Buffer.from([0xff]),
        Buffer.from(`","at":"${at}"}\n`),
        Buffer.from(
          `\ufeff{"type":"attach-client","partnerId":"IG1","clientId":"IGC2","at":"${at}"}\n`,
        ),
        Buffer.from(
          `{"type":"attach-client","partnerId":"IG1","clientId":"IGC3","at":"${at}"}\r\n`,
        ),
      ]),
    );
    const answer = JSON.parse(
      await captureStdout(() => ingest(file, { url: service.url, chunk: '2' })),
    );
    expect(answer).toMatchObject({
      accepted: 2,
      rejected: 2,
      rejectedLines: [
        { line: 2, code: 'invalid-input', reason: 'not valid UTF-8 text' },
        { line: 3, code: 'invalid-input', reason: 'not a JSON object' },
      ],
    });
  });
});
