import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparable, simulateLines } from './support';

const examples = join(__dirname, '../../../examples');

describe('the example scenario shipped with the rules', () => {
  test('gives exactly the expected document', async () => {
    const lines = readFileSync(join(examples, 'spec-example.ndjson'), 'utf8').split('\n');
    const expected = JSON.parse(readFileSync(join(examples, 'spec-example.expected.json'), 'utf8'));
    const report = await simulateLines(lines);
    expect(comparable(report)).toEqual(comparable(expected));
  });
});
