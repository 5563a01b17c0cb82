import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationReport } from '../src';
import { comparable, projectedOnto, simulateLines } from './support';

const examples = join(__dirname, '../../../examples');
const read = (file: string) => readFileSync(join(examples, file), 'utf8');

/** The rules' own examples (copied from shared/spec) and the documents they must give. */
describe('the example scenarios shipped with the rules', () => {
  test.each([
    ['spec-example.ndjson', 'spec-example.expected.json'],
    ['spec-v2-example.ndjson', 'spec-v2-example.expected.json'],
  ])('%s gives the expected document', async (scenario, expectedFile) => {
    const expected = JSON.parse(read(expectedFile)) as SimulationReport;
    const report = await simulateLines(read(scenario).split('\n'));
    const { rejected: expectedRejected, ...expectedRest } = expected;
    const { rejected, ...rest } = report;
    // Reasons are ours to word; the lines rejected are the rules'.
    expect(rejected.map((r) => r.line)).toEqual(expectedRejected.map((r) => r.line));
    expect(comparable(projectedOnto(expectedRest, rest))).toEqual(comparable(expectedRest));
  });

  test('the version-1 example gives the version-1 figures plus zero overrides and requested payouts', async () => {
    const report = await simulateLines(read('spec-example.ndjson').split('\n'));
    expect(report.unqualified).toBe(0);
    expect(report.partners.map((p) => [p.overridesPaid, p.overridesReceived])).toEqual(
      report.partners.map(() => ['0', '0']),
    );
    expect(report.payouts.map((p) => [p.payoutId, p.status])).toEqual(
      report.payouts.map((p) => [`${p.at}/${p.clientId}`, 'requested']),
    );
  });
});
