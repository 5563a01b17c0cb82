import {
  T0,
  attach,
  client,
  override,
  partner,
  rate,
  reasons,
  register,
  remuneration,
  simulate,
  trade,
} from './support';

/**
 * Rules section 12, worked by hand. G <- M <- S (M is S's parent, G is M's). FIXED pays 15 USD a
 * lot; S gives its clients 20%; M takes 25% of each direct sub-partner's share by default; G
 * takes 50% of M's (a per-child rate) and 10% of anyone else's (its default).
 */
const tree = [
  remuneration('15'),
  register('G'),
  register('M', { parentId: 'G' }),
  register('S', { parentId: 'M' }),
  attach('S', 'alice'),
  rate('S', '20'),
  override('M', '25'),
  override('G', '10'),
  override('G', '50', { childId: 'M' }),
];

const figures = (report: Awaited<ReturnType<typeof simulate>>, id: string) => {
  const p = partner(report, id);
  return p && [p.remuneration, p.rebates, p.overridesPaid, p.overridesReceived, p.net];
};

describe('sub-partners: the share-up cascade (rules section 12)', () => {
  test('given a three-level tree, when a 2-lot trade closes, then each level receives its rate of the share below', async () => {
    // 2 x 15 = 30; rebate 6; S's share 24; M receives 24 x 25% = 6; G receives 6 x 50% = 3.
    const report = await simulate([...tree, trade('T1', 'alice', '2')]);
    expect(figures(report, 'S')).toEqual(['30', '6', '6', '0', '18']);
    expect(figures(report, 'M')).toEqual(['0', '0', '3', '6', '3']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '3', '3']);
    expect(partner(report, 'S')?.trades).toBe(1);
    expect(partner(report, 'M')?.trades).toBe(0);
  });

  test('given a rate change between two trades and a late trade, then each trade uses the rates in force at its close', async () => {
    const report = await simulate([
      ...tree,
      trade('T1', 'alice', '1', { closedAt: '2026-11-02T10:00:00Z' }),
      override('M', '50', { at: '2026-11-03T00:00:00Z' }),
      trade('T2', 'alice', '1', { closedAt: '2026-11-04T10:00:00Z' }),
      // Arrives after the change, closed before it: the old 25%.
      trade('T3', 'alice', '1', { closedAt: '2026-11-02T12:00:00Z' }),
    ]);
    // Each: 15, rebate 3, share 12. M: 3 + 6 + 3 = 12; G: 1.5 + 3 + 1.5 = 6.
    expect(figures(report, 'M')).toEqual(['0', '0', '6', '12', '6']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '6', '6']);
    expect(figures(report, 'S')).toEqual(['45', '9', '12', '0', '24']);
  });

  test('given a per-child rate, then it overrides the default for that child only', async () => {
    const report = await simulate([
      ...tree,
      register('S2', { parentId: 'G' }),
      attach('S2', 'bob'),
      trade('T1', 'bob', '2'),
    ]);
    // S2 (no rates: rebate 0) shares 30; G's default 10% applies to S2: 3.
    expect(figures(report, 'S2')).toEqual(['30', '0', '3', '0', '27']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '3', '3']);
  });

  test('given a non-agent partner with a parent, then it earns no rebate rate but still passes its share up', async () => {
    const report = await simulate([
      ...tree,
      register('N', { model: 'affiliate', parentId: 'M' }),
      attach('N', 'dave'),
      trade('T1', 'dave', '1'),
    ]);
    // 15, rate 0 (not an agent): share 15; M: 15 x 25% = 3.75; G: 3.75 x 50% = 1.875.
    expect(figures(report, 'N')).toEqual(['15', '0', '3.75', '0', '11.25']);
    expect(figures(report, 'M')).toEqual(['0', '0', '1.875', '3.75', '1.875']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '1.875', '1.875']);
  });

  test('given a voided trade, then its overrides are reversed with it', async () => {
    const report = await simulate([
      ...tree,
      trade('T1', 'alice', '2'),
      trade('T2', 'alice', '1'),
      { type: 'trade-cancelled', tradeId: 'T1', at: '2026-11-05T00:00:00Z' },
    ]);
    // Only T2 is left: 15, rebate 3, share 12; M 3; G 1.5.
    expect(figures(report, 'S')).toEqual(['15', '3', '3', '0', '9']);
    expect(figures(report, 'M')).toEqual(['0', '0', '1.5', '3', '1.5']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '1.5', '1.5']);
    expect(client(report, 'alice')?.rebates).toBe('3');
  });

  test('given no override rate anywhere, then nothing passes up and net is remuneration - rebates', async () => {
    const report = await simulate([
      remuneration('15'),
      register('G'),
      register('M', { parentId: 'G' }),
      attach('M', 'alice'),
      rate('M', '10'),
      trade('T1', 'alice', '1'),
    ]);
    expect(figures(report, 'M')).toEqual(['15', '1.5', '0', '0', '13.5']);
    expect(figures(report, 'G')).toEqual(['0', '0', '0', '0', '0']);
  });
});

describe('sub-partners: commands', () => {
  test('given an unknown parent, then the registration is rejected naming it', async () => {
    const report = await simulate([register('S', { parentId: 'NOPE' })]);
    expect(reasons(report)).toEqual([[1, 'unknown partner NOPE (parentId)']]);
    expect(report.partners).toEqual([]);
  });

  test('given a grandchild or an unknown child, then a per-child override rate is rejected', async () => {
    const report = await simulate([
      ...tree,
      override('G', '5', { childId: 'S' }),
      override('G', '5', { childId: 'X' }),
      override('X', '5'),
    ]);
    expect(reasons(report)).toEqual([
      [10, 'partner S is not a direct sub-partner of partner G'],
      [11, 'unknown partner X (childId)'],
      [12, 'unknown partner X'],
    ]);
  });

  test('given an override rate, then it is judged on and raises the partner watermark', async () => {
    const report = await simulate([
      ...tree,
      override('M', '30', { at: '2026-11-05T00:00:00Z' }),
      override('M', '35', { at: '2026-11-04T00:00:00Z' }),
      rate('M', '10', { at: '2026-11-04T00:00:00Z' }),
    ]);
    expect(reasons(report).map(([line]) => line)).toEqual([11, 12]);
    expect(String(reasons(report)[0]?.[1])).toContain('earlier than the latest accepted command');
  });

  test('given an override percent out of range or with 3 decimals, then the line is rejected naming percent', async () => {
    const report = await simulate([
      ...tree,
      override('M', '100.01'),
      override('M', '1.005'),
      override('M', '100', { at: T0 }),
    ]);
    expect(reasons(report)).toEqual([
      [10, 'percent must be between 0 and 100'],
      [11, 'percent has more than 2 decimals'],
    ]);
  });
});
