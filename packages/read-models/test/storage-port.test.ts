import { Decimal, formatDecimal } from '@rebate/domain';
import type { Kysely } from 'kysely';
import { CheckpointConflictError, type ReadModelStorage } from '../src';
import { agreementChangesTable, clientTermsTable } from '../src/projections/agreements/tables';
import { accountDaysTable, accountTotalsTable } from '../src/projections/accounts/tables';
import { selectByKeys, upsertRows } from '../src/storage/batched';
import {
  boolean,
  decimal,
  defineTable,
  integer,
  nullable,
  position,
  text,
} from '../src/storage/schema';
import { ALL } from './support/projections';
import { SETUPS } from './support/setups';

/** The port and the batched statements on both adapters, through the projections' own tables. */

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
      upsertRows(
        tx.db,
        accountTotalsTable,
        exact.map((value, i) => ({
          ...totalKey(`X${i}`),
          account: `client:X${i}@P`,
          debits: Decimal(value),
          credits: Decimal(value).neg(),
        })),
      ),
    );
    const rows = await storage.read((db) =>
      selectByKeys(
        db,
        accountTotalsTable,
        exact.map((_, i) => totalKey(`X${i}`)),
      ),
    );
    const byClient = [...rows].sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
    expect(byClient.map((row) => formatDecimal(row.debits))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value))),
    );
    expect(byClient.map((row) => formatDecimal(row.credits))).toEqual(
      exact.map((value) => formatDecimal(Decimal(value).neg())),
    );
  });

  test('upsert replaces by key (composite keys), keeps with ignore; batches of any size', async () => {
    await storage.transaction(async (tx) => {
      await upsertRows(tx.db, accountDaysTable, [
        dayRow('A', '2026-09-03', 1),
        dayRow('A', '2026-09-01', 1),
        dayRow('B', '2026-09-02', 1),
        dayRow('A', '2026-09-02', 1),
      ]);
      await upsertRows(tx.db, accountDaysTable, [dayRow('A', '2026-09-01', 7)]);
      await upsertRows(tx.db, accountDaysTable, [dayRow('A', '2026-09-02', 9)], 'ignore');
    });
    const found = await storage.read((db) =>
      selectByKeys(db, accountDaysTable, [
        dayKey('A', '2026-09-01'),
        dayKey('A', '2026-09-02'),
        dayKey('Z', '2026-09-02'),
      ]),
    );
    expect(found.map((row) => `${row.day} ${formatDecimal(row.credits)}`).sort()).toEqual([
      '2026-09-01 7',
      '2026-09-02 1',
    ]);

    // More rows than one statement takes: split, all written, all found.
    const many = Array.from({ length: 1234 }, (_, i) => dayRow(`M${i}`, '2026-10-01', i));
    await storage.transaction((tx) => upsertRows(tx.db, accountDaysTable, many));
    const back = await storage.read((db) =>
      selectByKeys(
        db,
        accountDaysTable,
        many.map((row) => dayKey(row.clientId, row.day)),
      ),
    );
    expect(back.map((row) => formatDecimal(row.credits)).sort()).toEqual(
      many.map((row) => formatDecimal(row.credits)).sort(),
    );
  });

  test('booleans, nulls and 64-bit positions', async () => {
    const big = 2n ** 62n + 1n;
    await storage.transaction(async (tx) => {
      await upsertRows(tx.db, clientTermsTable, [
        { partnerId: 'P', clientId: 'C', individualRate: null, suspended: true, cancelled: false },
      ]);
      await upsertRows(tx.db, agreementChangesTable, [
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
    const terms = await storage.read((db) =>
      db.selectFrom('agreementClientTerms').selectAll().execute(),
    );
    expect(terms.map((row) => clientTermsTable.decode(row))).toEqual([
      { partnerId: 'P', clientId: 'C', individualRate: null, suspended: true, cancelled: false },
    ]);
    const [change] = await storage.read((db) =>
      db.selectFrom('agreementChanges').selectAll().where('partnerId', 'is', null).execute(),
    );
    const decoded = agreementChangesTable.decode(change);
    expect(decoded.position).toBe(big);
    expect(decoded.at).toBe('2026-09-01T00:00:00.123456789Z');
    const [byPosition] = await storage.read((db) =>
      selectByKeys(db, agreementChangesTable, [{ position: big }]),
    );
    expect(byPosition?.usdPerLot && formatDecimal(byPosition.usdPerLot)).toBe('2.5');
  });

  test('checkpoint compare-and-set: every case, and a failed one rolls its rows back', async () => {
    const cas = (expected: bigint | undefined, next: bigint | undefined) =>
      storage.transaction((tx) => tx.compareAndSetCheckpoint('scratch', expected, next));
    await cas(undefined, 5n);
    await expect(cas(undefined, 6n)).rejects.toThrow(CheckpointConflictError);
    await expect(cas(4n, 6n)).rejects.toThrow(CheckpointConflictError);
    await cas(5n, 9n);
    expect(await storage.checkpoint('scratch')).toBe(9n);
    expect((await storage.checkpoints()).get('scratch')).toBe(9n);
    await expect(cas(undefined, undefined)).rejects.toThrow(CheckpointConflictError);
    await cas(9n, undefined);
    expect(await storage.checkpoint('scratch')).toBeUndefined();
    await cas(undefined, undefined);

    await expect(
      storage.transaction(async (tx) => {
        await upsertRows(tx.db, accountDaysTable, [dayRow('rolled-back', '2026-01-01', 1)]);
        await tx.compareAndSetCheckpoint('scratch', 1n, 2n);
      }),
    ).rejects.toThrow(CheckpointConflictError);
    expect(
      await storage.read((db) =>
        db.selectFrom('accountDays').selectAll().where('clientId', '=', 'rolled-back').execute(),
      ),
    ).toEqual([]);
  });

  test('a row that does not match its table is refused when read back', async () => {
    const wrong = defineTable(
      'accountTotals',
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
    await expect(
      storage.read((db) => selectByKeys(db, wrong, [{ kind: 'client' }])),
    ).rejects.toThrow(/invalid account_totals row/);
  });

  test('every projection table exists with the columns its definition names', async () => {
    for (const projection of ALL) {
      for (const table of projection.tables) {
        await expect(
          storage.read((db) =>
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            (db as unknown as Kysely<any>)
              .selectFrom(table.name)
              .select(Object.keys(table.columns))
              .limit(1)
              .execute(),
          ),
        ).resolves.toBeDefined();
      }
    }
  });
});
