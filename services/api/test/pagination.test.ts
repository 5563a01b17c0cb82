import type { Accrual } from '@rebate/read-models';
import {
  backends,
  positionOf,
  seedLedger,
  trade,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * Keyset pagination by position: paging through the accruals while trades keep arriving never
 * repeats or skips an accrual, and every page continues in global order.
 */
describe.each(backends)('accrual pagination under concurrent writes on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
  });
  afterAll(() => api?.close());

  const closeAt = (n: number) => new Date(Date.UTC(2026, 8, 2) + n * 60_000).toISOString();

  const addTrades = async (prefix: string, count: number): Promise<string> => {
    const body = Array.from({ length: count }, (_, i) =>
      trade(`${prefix}-${i}`, i % 2 === 0 ? 'C1' : 'C2', '1', closeAt(i)),
    );
    const answer = await api.call('POST', '/v1/trades', { as: 'admin', body });
    expect(answer.json).toMatchObject({ accepted: count });
    return positionOf(answer.json);
  };

  const page = async (cursor: string | null, extra = '', limit = 7) => {
    const query = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}${extra}`;
    const answer = await api.call('GET', `/v1/accruals?${query}`, { as: 'admin' });
    expect(answer.status).toBe(200);
    return answer.json as { items: Accrual[]; nextCursor: string | null };
  };

  test('no accrual is repeated or skipped while writers append', async () => {
    const before = await addTrades('before', 60);
    const existing = await page(null, `&minPosition=${before}`, 1000);
    expect(existing.items).toHaveLength(60);

    let writing = true;
    const writer = (async () => {
      for (let batch = 0; writing && batch < 40; batch += 1) await addTrades(`during-${batch}`, 5);
    })();

    const seen: Accrual[] = [];
    let cursor: string | null = null;
    do {
      const next: { items: Accrual[]; nextCursor: string | null } = await page(cursor);
      seen.push(...next.items);
      cursor = next.nextCursor;
      await new Promise((resolve) => setTimeout(resolve, 5));
    } while (cursor !== null);
    writing = false;
    await writer;

    const positions = seen.map((accrual) => BigInt(accrual.position));
    positions
      .slice(1)
      .forEach((position, i) => expect(position).toBeGreaterThan(positions[i] as bigint));
    expect(new Set(seen.map((a) => a.tradeId)).size).toBe(seen.length);
    const seenIds = new Set(seen.map((accrual) => accrual.tradeId));
    for (const accrual of existing.items) expect(seenIds.has(accrual.tradeId)).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(60);
    // The writer really overlapped the paging: some of its accruals were paged too.
    expect(seen.some((accrual) => accrual.tradeId.startsWith('during-'))).toBe(true);
  });

  test('a cursor keeps its place: new accruals appear on later pages, never earlier ones', async () => {
    const first = await page(null, `&minPosition=${await addTrades('x', 3)}`);
    const afterFirst = await addTrades('late', 10);
    const rest: Accrual[] = [];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const next = await page(cursor, `&minPosition=${afterFirst}`);
      rest.push(...next.items);
      cursor = next.nextCursor;
    }
    const lastOfFirst = BigInt((first.items.at(-1) as Accrual).position);
    expect(rest.every((accrual) => BigInt(accrual.position) > lastOfFirst)).toBe(true);
    expect(rest.filter((accrual) => accrual.tradeId.startsWith('late-'))).toHaveLength(10);
  });
});
