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
import { clientAccountsTable, clientDaysTable } from '../src/projections/balances/tables';
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
        clientAccountsTable,
        exact.map((value, i) => ({
          clientId: `X${i}`,
          partnerId: null,
          trades: i,
          lots: Decimal(value),
          rebates: Decimal(value).neg(),
          paidOut: Decimal('0'),
        })),
      ),
    );
    const rows = await storage.rows.getMany(
      clientAccountsTable,
      exact.map((_, i) => ({ clientId: `X${i}` })),
    );
    expect(rows.map((row) => formatDecimal(row.lots))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value))),
    );
    expect(rows.map((row) => formatDecimal(row.rebates))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value).neg())),
    );
  });

  test('upsert replaces by key; composite keys; delete; scans filter, order, bound and limit', async () => {
    const day = (clientId: string, d: string, trades: number) => ({
      clientId,
      day: d,
      trades,
      lots: Decimal('1'),
      rebates: Decimal('2'),
      paidOut: Decimal('3'),
    });
    await storage.transaction(async (tx) => {
      await tx.put(clientDaysTable, [
        day('A', '2026-09-03', 1),
        day('A', '2026-09-01', 1),
        day('B', '2026-09-02', 1),
        day('A', '2026-09-02', 1),
      ]);
      await tx.put(clientDaysTable, [day('A', '2026-09-01', 7)]);
    });
    const [replaced] = await storage.rows.getMany(clientDaysTable, [
      { clientId: 'A', day: '2026-09-01' },
    ]);
    expect(replaced?.trades).toBe(7);
    const scanned = await storage.rows.scan(clientDaysTable, {
      where: { clientId: 'A' },
      range: { column: 'day', from: '2026-09-02', to: '2026-09-03' },
    });
    expect(scanned.map((row) => row.day)).toEqual(['2026-09-02', '2026-09-03']);
    const after = await storage.rows.scan(clientDaysTable, {
      where: { clientId: 'A' },
      range: { column: 'day', after: '2026-09-01' },
      limit: 1,
    });
    expect(after.map((row) => row.day)).toEqual(['2026-09-02']);

    await storage.transaction((tx) =>
      tx.delete(clientDaysTable, [
        { clientId: 'A', day: '2026-09-02' },
        { clientId: 'B', day: '2026-09-02' },
      ]),
    );
    const left = await storage.rows.scan(clientDaysTable);
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
        await tx.put(clientDaysTable, [
          {
            clientId: 'rolled-back',
            day: '2026-01-01',
            trades: 1,
            lots: Decimal('1'),
            rebates: Decimal('1'),
            paidOut: Decimal('1'),
          },
        ]);
        await tx.compareAndSetCheckpoint('scratch', 1n, 2n);
      }),
    ).rejects.toThrow(CheckpointConflictError);
    expect(
      await storage.rows.scan(clientDaysTable, { where: { clientId: 'rolled-back' } }),
    ).toEqual([]);
  });

  test('a row that does not match its table is refused when read back', async () => {
    const wrong = defineTable(
      'balance_clients',
      {
        clientId: text,
        partnerId: nullable(text),
        trades: boolean,
        lots: integer,
        rebates: decimal,
        paidOut: position,
      },
      ['clientId'],
    );
    await expect(storage.rows.scan(wrong)).rejects.toThrow(/invalid balance_clients row/);
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
