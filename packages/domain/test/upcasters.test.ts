import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { type LedgerEvent, decodeLedgerEvent, encodeLedgerEvent, schemaVersions } from '../src';

/** Payloads as version 1 of the ledger stored them, kept frozen in the repo. */
const fixtures = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/version-1-events.json'), 'utf8'),
) as { type: string; metadata: { schemaVersion: number }; data: Record<string, unknown> }[];

const decoded = (fixture: (typeof fixtures)[number]): Record<string, unknown> => {
  const result = decodeLedgerEvent(fixture.type, fixture.data, fixture.metadata.schemaVersion);
  if (!result || !isRight(result)) throw new Error(`${fixture.type} v1 did not decode`);
  return encodeLedgerEvent(result.right as LedgerEvent);
};

describe('upcasters: stored version-1 events read as the current version', () => {
  test('every frozen version-1 payload decodes, and encodes at the current version with its old fields unchanged', () => {
    for (const fixture of fixtures) {
      const current = decoded(fixture);
      const kept = Object.fromEntries(
        Object.entries(fixture.data).filter(([field]) => !dropped(fixture.type).includes(field)),
      );
      expect(current).toMatchObject({ type: fixture.type, ...kept });
      for (const field of dropped(fixture.type)) expect(current).not.toHaveProperty(field);
    }
  });

  test('a version-1 partner has no parent, a version-1 schedule every symbol', () => {
    const [partner, schedule] = fixtures.map(decoded);
    expect(partner?.['parentId']).toBeNull();
    expect(schedule?.['symbol']).toBeNull();
  });

  test('a version-1 accrual qualified with no minimum and passed nothing up; its reversal likewise', () => {
    const accrual = decoded(fixtures[2] as (typeof fixtures)[number]);
    expect(accrual['qualification']).toEqual({
      minHoldSeconds: 0,
      heldSeconds: null,
      qualified: true,
    });
    expect(accrual['overrides']).toEqual([]);
    expect(accrual['openedAt']).toBeNull();
    const reversal = decoded(fixtures[4] as (typeof fixtures)[number]);
    expect([reversal['overrides'], reversal['qualified']]).toEqual([[], true]);
  });

  test('a version-1 payout gets the id <at>/<clientId>, its instant as run id, and one allocation to its partner', () => {
    const payout = decoded(fixtures[5] as (typeof fixtures)[number]);
    expect(payout).toEqual({
      type: 'PayoutRequested',
      payoutId: '2026-09-04T00:00:00Z/client-02',
      runId: '2026-09-04T00:00:00Z',
      clientId: 'client-02',
      amount: '225',
      allocations: [{ partnerId: 'IB-1', amount: '225' }],
      partnerId: 'IB-1',
      at: '2026-09-04T00:00:00Z',
    });
  });

  test('an event stored at the current version is not upcast again', () => {
    const current = decoded(fixtures[0] as (typeof fixtures)[number]);
    const again = decodeLedgerEvent('PartnerRegistered', current, schemaVersions.PartnerRegistered);
    expect(again && isRight(again) && encodeLedgerEvent(again.right)).toEqual(current);
  });
});

/** Version-1 fields that version 2 no longer stores. */
const dropped = (type: string): string[] =>
  type === 'PayoutRequested' ? ['balanceBefore', 'minimumUsd'] : [];
