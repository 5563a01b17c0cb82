import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `rebate simulate FILE` as a process (the built CLI, as `pnpm install` leaves it): the input
 * grammar of rules section 14 seen from the file, with line numbers, and the exit status.
 */

const CLI = join(__dirname, '../dist/main.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const rebate = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

interface Report {
  readonly partners: { partnerId: string; trades: number }[];
  readonly clients: { clientId: string; partnerId: string | null; trades: number }[];
  readonly rejected: { line: number; reason: string }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rebate-simulate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const fileOf = (content: Uint8Array | string): string => {
  files += 1;
  const path = join(dir, `scenario-${files}.ndjson`);
  writeFileSync(path, content);
  return path;
};

const simulate = async (content: Uint8Array | string): Promise<Report> => {
  const run = await rebate('simulate', fileOf(content));
  if (run.code !== 0) throw new Error(`simulate exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
};

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
  );

const at = '2026-09-01T00:00:00Z';
const partner = (id: string) =>
  JSON.stringify({ type: 'register-partner', partnerId: id, model: 'agent', at });
const attach = (partnerId: string, clientId: string) =>
  JSON.stringify({ type: 'attach-client', partnerId, clientId, at });

describe('rebate simulate reads the file by section 14', () => {
  test('given a line with invalid UTF-8 bytes, then that line is rejected and no two ids merge', async () => {
    // C\xff and C\xfe would both be "C\ufffd" if decoded with replacement.
    const report = await simulate(
      bytes(
        partner('P1'),
        '\n',
        '{"type":"attach-client","partnerId":"P1","clientId":"C',
        [0xff],
        `","at":"${at}"}\n`,
        '{"type":"attach-client","partnerId":"P1","clientId":"C',
        [0xfe],
        `","at":"${at}"}\n`,
        attach('P1', 'C\ufffd'),
        '\n',
      ),
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: 'not valid UTF-8 text' },
      { line: 3, reason: 'not valid UTF-8 text' },
    ]);
    expect(report.clients.map((client) => client.clientId)).toEqual(['C\ufffd']);
  });

  test('given a BOM at the very start, then it is ignored; in mid-file, then its line is rejected', async () => {
    const report = await simulate(
      `\ufeff${partner('P1')}\n\ufeff${partner('P2')}\n${partner('P3')}\n`,
    );
    expect(report.rejected).toEqual([{ line: 2, reason: 'not a JSON object' }]);
    expect(report.partners.map((p) => p.partnerId)).toEqual(['P1', 'P3']);
  });

  test('given CRLF line ends and CRs inside a line, then every line decodes', async () => {
    const report = await simulate(
      `${partner('P1')}\r\n${attach('P1', 'C1').replace(',', ',\r')}\r\n\r${partner('P2')}\r`,
    );
    expect(report.rejected).toEqual([]);
    expect(report.partners.map((p) => p.partnerId)).toEqual(['P1', 'P2']);
    expect(report.clients).toMatchObject([{ clientId: 'C1', partnerId: 'P1' }]);
  });

  test('given blank-line variants, then spaces, tabs and CRs are skipped, and other white space is rejected', async () => {
    const report = await simulate(
      [
        partner('P1'),
        '',
        '   ',
        '\t\r',
        '\u00a0',
        '\u2028',
        '\u3000',
        '\f',
        partner('P2'),
        '',
      ].join('\n'),
    );
    expect(report.rejected).toEqual([
      { line: 5, reason: 'not a JSON object' },
      { line: 6, reason: 'not a JSON object' },
      { line: 7, reason: 'not a JSON object' },
      { line: 8, reason: 'not a JSON object' },
    ]);
    expect(report.partners.map((p) => p.partnerId)).toEqual(['P1', 'P2']);
  });

  test('given a key twice (equal values too), then the line is rejected naming it', async () => {
    const report = await simulate(
      [
        partner('P1'),
        partner('P2').replace('"model":"agent"', '"model":"agent","model":"agent"'),
        partner('P3').replace('"partnerId":"P3"', '"partnerId":"P3","partnerId":"P4"'),
        partner('P5').replace('}', ',"extra":{"k":1,"k":2}}'),
      ].join('\n'),
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: 'model appears more than once' },
      { line: 3, reason: 'partnerId appears more than once' },
      { line: 4, reason: 'extra.k appears more than once' },
    ]);
    expect(report.partners.map((p) => p.partnerId)).toEqual(['P1']);
  });

  test('given surrogate, NUL and white-space ids, then those lines are rejected with their numbers', async () => {
    const report = await simulate(
      [
        partner('P1'),
        attach('P1', 'C1').replace('"C1"', '"\\ud800"'),
        attach('P1', 'C1').replace('"C1"', '"C\\u00001"'),
        partner('P\u00002'),
        partner(' P1'),
        attach('P1', 'C1').replace('"C1"', '"C1\\u3000"'),
        attach('P1', 'C1'),
        JSON.stringify({ type: 'run-payouts', at: '2026-09-02T00:00:00Z', minimumUsd: '.5' }),
      ].join('\n'),
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: 'clientId must not contain a lone surrogate' },
      { line: 3, reason: 'clientId must not contain a control character' },
      { line: 4, reason: 'partnerId must not contain a control character' },
      { line: 5, reason: 'partnerId must not start or end with white space' },
      { line: 6, reason: 'clientId must not start or end with white space' },
      { line: 8, reason: 'minimumUsd must be a decimal number' },
    ]);
    expect(report.clients.map((c) => c.clientId)).toEqual(['C1']);
  });

  test('given ids beyond U+FFFF, then partners and clients are in code point order', async () => {
    const report = await simulate(
      [
        partner('P\u{1F600}'),
        partner('P\uFF5E'),
        partner('P'),
        attach('P', 'C\u{10000}'),
        attach('P', 'C\uE000'),
      ].join('\n'),
    );
    expect(report.partners.map((p) => p.partnerId)).toEqual(['P', 'P\uFF5E', 'P\u{1F600}']);
    expect(report.clients.map((c) => c.clientId)).toEqual(['C\uE000', 'C\u{10000}']);
  });
});

describe('rebate simulate invocation', () => {
  test('given an extra argument, then it exits non-zero with a message on stderr and prints nothing', async () => {
    const file = fileOf(partner('P1'));
    const run = await rebate('simulate', file, 'extra');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/too many arguments/);
    expect(run.stdout).toBe('');
  });

  test('given no file, or a file that cannot be read, then it exits non-zero with a message', async () => {
    const none = await rebate('simulate');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/missing required argument/);
    const missing = await rebate('simulate', join(dir, 'no-such.ndjson'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/ENOENT/);
    const directory = await rebate('simulate', dir);
    expect(directory.code).not.toBe(0);
    expect(directory.stderr).toMatch(/EISDIR/);
  });

  test('given exactly one file, then it exits 0 even with rejected lines', async () => {
    const run = await rebate('simulate', fileOf('not json\n'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      rejected: [{ line: 1, reason: 'not a JSON object' }],
    });
  });
});
