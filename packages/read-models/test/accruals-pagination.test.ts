import { type Accrual, type AccrualFilter, InvalidCursorError, createReadModels } from '../src';
import { encodeCursor } from '../src/ledger-queries/cursor';
import { type Line, applyLines } from './support/scenario';
import { SETUPS } from './support/setups';

const setupLines: Line[] = [
  { type: 'set-remuneration', accountType: 'STANDARD', usdPerLot: '7', at: '2026-09-01T00:00:00Z' },
  ...['P1', 'P2'].map((partnerId) => ({
    type: 'register-partner',
    partnerId,
    model: 'agent',
    at: '2026-09-01T00:00:00Z',
  })),
  ...['C1', 'C2', 'C3', 'C4'].map((clientId, i) => ({
    type: 'attach-client',
    partnerId: i % 2 === 0 ? 'P1' : 'P2',
    clientId,
    at: '2026-09-01T00:00:00Z',
  })),
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '25', at: '2026-09-01T00:00:00Z' },
];

const CHUNKS = 12;
const PER_CHUNK = 25;

const tradeLines = (chunk: number): Line[] =>
  Array.from({ length: PER_CHUNK }, (_, i) => {
    const n = chunk * PER_CHUNK + i;
    return {
      type: 'trade-closed',
      tradeId: `W${n}`,
      clientId: `C${(n % 4) + 1}`,
      accountType: 'STANDARD',
      symbol: 'EURUSD',
      lots: `${(n % 9) + 1}.5`,
      // Out of order on purpose: the list is in the order trades were recorded.
      closedAt: new Date(Date.UTC(2026, 8, 2) + ((n * 7919) % 100_000) * 60_000).toISOString(),
    };
  });

const voidLines = (chunk: number): Line[] =>
  chunk === 0
    ? []
    : [
        {
          type: 'trade-cancelled',
          tradeId: `W${(chunk - 1) * PER_CHUNK + 3}`,
          at: '2026-12-01T00:00:00Z',
        },
      ];

describe.each(SETUPS)('accrual list on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('keyset pages never repeat or skip an accrual while a writer appends concurrently', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const readModels = createReadModels(store, storage, { retryDelayMs: 20, batchSize: 40 });
    readModels.start();
    const { queries } = readModels;
    try {
      await applyLines(store, setupLines, 'setup');
      let writing = true;
      const writer = (async () => {
        for (let chunk = 0; chunk < CHUNKS; chunk += 1) {
          await applyLines(store, [...tradeLines(chunk), ...voidLines(chunk)], `chunk${chunk}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        writing = false;
      })();

      /** Follows the list from its start while it grows; stops once writing is over and read. */
      const follow = async (filter: AccrualFilter, limit: number): Promise<Accrual[]> => {
        const seen: Accrual[] = [];
        let cursor: string | undefined;
        for (;;) {
          const done =
            !writing && (await queries.waitForPosition((await store.headPosition())!, 10_000));
          const page = await queries.accruals(filter, { limit, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          const last = page.items[page.items.length - 1];
          // At the end of the list for now: keep following from the last one seen.
          if (last) cursor = page.nextCursor ?? encodeCursor(BigInt(last.position));
          if (page.nextCursor === null && done) return seen;
          if (page.nextCursor === null) await new Promise((resolve) => setTimeout(resolve, 3));
        }
      };
      const [all, ofP1, ofC2] = await Promise.all([
        follow({}, 7),
        follow({ partnerId: 'P1' }, 5),
        follow({ clientId: 'C2' }, 11),
        writer,
      ]);

      const final = async (filter: AccrualFilter) =>
        (await queries.accruals(filter, { limit: 1000 })).items;
      const everything = await final({});
      expect(everything).toHaveLength(CHUNKS * PER_CHUNK);
      for (const [followed, filter] of [
        [all, {}],
        [ofP1, { partnerId: 'P1' }],
        [ofC2, { clientId: 'C2' }],
      ] as const) {
        const ids = followed.map((a) => a.tradeId);
        expect(new Set(ids).size).toBe(ids.length); // none twice
        expect(ids).toEqual((await final(filter)).map((a) => a.tradeId)); // none skipped
        const positions = followed.map((a) => BigInt(a.position));
        expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint))).toBe(true);
      }
      expect(ofP1.every((a) => a.partnerId === 'P1')).toBe(true);
      expect(ofC2.every((a) => a.clientId === 'C2')).toBe(true);

      const voided = everything.filter((a) => a.reversedAt !== null).map((a) => a.tradeId);
      expect(voided.sort()).toEqual(
        Array.from({ length: CHUNKS - 1 }, (_, chunk) => `W${chunk * PER_CHUNK + 3}`).sort(),
      );
      const w1 = everything.find((a) => a.tradeId === 'W1');
      expect(w1).toMatchObject({
        clientId: 'C2',
        partnerId: 'P2',
        accountType: 'STANDARD',
        symbol: 'EURUSD',
        lots: '2.5',
        usdPerLot: '7',
        remuneration: '17.5',
        percent: '0',
        rateRule: 'none',
        rebate: '0',
        net: '17.5',
        reversedAt: null,
      });
      expect(everything.find((a) => a.tradeId === 'W0')).toMatchObject({
        percent: '25',
        rateRule: 'default',
        rebate: '2.625',
        net: '7.875',
      });
    } finally {
      await readModels.close();
      await store.close();
    }
  });

  test('a cursor not given out by the API is refused', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const { queries } = createReadModels(store, storage);
    try {
      await expect(queries.accruals({}, { limit: 10, cursor: 'garbage' })).rejects.toThrow(
        InvalidCursorError,
      );
      await expect(queries.accruals({}, { limit: 0 })).rejects.toThrow(RangeError);
      expect(await queries.accruals({}, { limit: 10 })).toEqual({ items: [], nextCursor: null });
    } finally {
      await storage.close();
      await store.close();
    }
  });
});
