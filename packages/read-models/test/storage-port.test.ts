import { Decimal, formatDecimal } from '@rebate/domain';
import {
  CheckpointConflictError,
  type ReadModelStorage,
  boolean,
  decimal,
  defineTable,
  integer,
  nullable,
  position,
  text,
} from '../src';
import { agreementChangesTable, clientTermsTable } from '../src/projections/agreements/tables';
import { accountDaysTable, accountTotalsTable } from '../src/projections/accounts/tables';
import { ALL } from './support/projections';
import { SETUPS } from './support/setups';

/** The port on both adapters, through the projections' own tables (a fresh storage each). */

const exact = [
  '0.1',
  '-0.000000001',
  '123456789012345678901234567890.123456789012345678901234567890',
  '1e-30',
  '0',
];

const totalKey = (clientId: string) => ({
  partnerId: 'P',
  clientId,
  kind: 'client',
  asset: 'USD',
});

const dayRow = (clientId: string, day: string, trades: number) => ({
  ...totalKey(clientId),
  asset: 'TRADES',
  day,
  account: `client:${clientId}@P`,
  debits: Decimal('0'),
  credits: Decimal(String(trades)),
});
const dayKey = (clientId: string, day: string) => ({ ...totalKey(clientId), asset: 'TRADES', day });

describe.each(SETUPS)('read-model storage port on %s', (_, makeSetup) => {
  const setup = makeSetup();
  let storage: ReadModelStorage;
  beforeAll(async () => {
    storage = await setup.openStorage();
  });
  afterAll(async () => {
    await storage?.close();
    await setup.cleanup();
  });

  test('decimals round-trip exactly, never through a float', async () => {
    await storage.transaction((tx) =>
      tx.put(
        accountTotalsTable,
        exact.map((value, i) => ({
          ...totalKey(`X${i}`),
          account: `client:X${i}@P`,
          debits: Decimal(value),
          credits: Decimal(value).neg(),
        })),
      ),
    );
    const rows = await storage.rows.getMany(
      accountTotalsTable,
      exact.map((_, i) => totalKey(`X${i}`)),
    );
    expect(rows.map((row) => formatDecimal(row.debits))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value))),
    );
    expect(rows.map((row) => formatDecimal(row.credits))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value).neg())),
    );
  });

  test('upsert replaces by key; composite keys; delete; scans filter, order, bound and limit', async () => {
    const day = dayRow;
    await storage.transaction(async (tx) => {
      await tx.put(accountDaysTable, [
        day('A', '2026-09-03', 1),
        day('A', '2026-09-01', 1),
        day('B', '2026-09-02', 1),
        day('A', '2026-09-02', 1),
      ]);
      await tx.put(accountDaysTable, [day('A', '2026-09-01', 7)]);
    });
    const [replaced] = await storage.rows.getMany(accountDaysTable, [dayKey('A', '2026-09-01')]);
    expect(replaced && formatDecimal(replaced.credits)).toBe('7');
    const scanned = await storage.rows.scan(accountDaysTable, {
      where: { clientId: 'A' },
      range: { column: 'day', from: '2026-09-02', to: '2026-09-03' },
    });
    expect(scanned.map((row) => row.day)).toEqual(['2026-09-02', '2026-09-03']);
    const after = await storage.rows.scan(accountDaysTable, {
      where: { clientId: 'A' },
      range: { column: 'day', after: '2026-09-01' },
      limit: 1,
    });
    expect(after.map((row) => row.day)).toEqual(['2026-09-02']);

    await storage.transaction((tx) =>
      tx.delete(accountDaysTable, [dayKey('A', '2026-09-02'), dayKey('B', '2026-09-02')]),
    );
    const left = await storage.rows.scan(accountDaysTable);
    expect(left.map((row) => `${row.clientId}/${row.day}`)).toEqual([
      'A/2026-09-01',
      'A/2026-09-03',
    ]);
  });

  test('booleans, nulls and 64-bit positions', async () => {
    const big = 2n ** 62n + 1n;
    await storage.transaction(async (tx) => {
      await tx.put(clientTermsTable, [
        { partnerId: 'P', clientId: 'C', individualRate: null, suspended: true, cancelled: false },
      ]);
      await tx.put(agreementChangesTable, [
        {
          position: big,
          partnerId: null,
          type: 'RemunerationSet',
          clientId: null,
          percent: null,
          usdPerLot: Decimal('2.5'),
          accountType: 'ECN',
          at: '2026-09-01T00:00:00.123456789Z',
        },
      ]);
    });
    expect(await storage.rows.scan(clientTermsTable)).toEqual([
      { partnerId: 'P', clientId: 'C', individualRate: null, suspended: true, cancelled: false },
    ]);
    const [change] = await storage.rows.scan(agreementChangesTable, { where: { partnerId: null } });
    expect(change?.position).toBe(big);
    expect(change?.at).toBe('2026-09-01T00:00:00.123456789Z');
  });

  test('checkpoint compare-and-set: every case, and a failed one rolls its rows back', async () => {
    const cas = (expected: bigint | undefined, next: bigint | undefined) =>
      storage.transaction((tx) => tx.compareAndSetCheckpoint('scratch', expected, next));
    await cas(undefined, 5n);
    await expect(cas(undefined, 6n)).rejects.toThrow(CheckpointConflictError);
    await expect(cas(4n, 6n)).rejects.toThrow(CheckpointConflictError);
    await cas(5n, 9n);
    expect(await storage.rows.checkpoint('scratch')).toBe(9n);
    await expect(cas(undefined, undefined)).rejects.toThrow(CheckpointConflictError);
    await cas(9n, undefined);
    expect(await storage.rows.checkpoint('scratch')).toBeUndefined();
    await cas(undefined, undefined);

    await expect(
      storage.transaction(async (tx) => {
        await tx.put(accountDaysTable, [dayRow('rolled-back', '2026-01-01', 1)]);
        await tx.compareAndSetCheckpoint('scratch', 1n, 2n);
      }),
    ).rejects.toThrow(CheckpointConflictError);
    expect(
      await storage.rows.scan(accountDaysTable, { where: { clientId: 'rolled-back' } }),
    ).toEqual([]);
  });

  test('a row that does not match its table is refused when read back', async () => {
    const wrong = defineTable(
      'account_totals',
      {
        kind: text,
        partnerId: nullable(text),
        clientId: text,
        asset: boolean,
        account: integer,
        debits: decimal,
        credits: position,
      },
      ['kind'],
    );
    await expect(storage.rows.scan(wrong)).rejects.toThrow(/invalid account_totals row/);
  });

  test('every projection table exists with the columns its definition names', async () => {
    for (const projection of ALL) {
      for (const table of projection.tables) {
        await expect(
          storage.rows.scan(table as unknown as Parameters<typeof storage.rows.scan>[0], {
            limit: 1,
          }),
        ).resolves.toBeDefined();
      }
    }
  });
});
