import { runScenario } from '../src';
import { simulateLines, withStore } from './support';

/** The scenario runner reads its input by rules section 14, from strings and from byte chunks. */

const at = '2026-09-01T00:00:00Z';
const partner = { type: 'register-partner', partnerId: 'P1', model: 'agent', at };
const attach = (clientId: string) => ({ type: 'attach-client', partnerId: 'P1', clientId, at });

describe('runScenario input', () => {
  test('given string lines with a raw lone surrogate or NUL in an id, then those lines are rejected', async () => {
    const report = await simulateLines([
      partner,
      `{"type":"attach-client","partnerId":"P1","clientId":"C\ud800","at":"${at}"}`,
      attach('C\u0000'),
      ' \t\r',
      '\u00a0',
      attach('C1'),
    ]);
    expect(report.rejected).toEqual([
      { line: 2, reason: 'clientId must not contain a lone surrogate' },
      { line: 3, reason: 'clientId must not contain a control character' },
      { line: 5, reason: 'not a JSON object' },
    ]);
    expect(report.clients.map((client) => client.clientId)).toEqual(['C1']);
  });

  test('given byte chunks cut anywhere, then the report equals the one from the same lines', async () => {
    const text = `\ufeff${JSON.stringify(partner)}\r\n${JSON.stringify(attach('Cé'))}\n\n${JSON.stringify(attach('C😀'))}`;
    const bytes = Buffer.from(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const fromBytes = await withStore((store) => runScenario(chunks(), store));
    const fromLines = await simulateLines(text.replace('\ufeff', '').split(/\r?\n/));
    expect(fromBytes).toEqual(fromLines);
    expect(fromBytes.clients.map((client) => client.clientId)).toEqual(['Cé', 'C😀']);
  });
});
