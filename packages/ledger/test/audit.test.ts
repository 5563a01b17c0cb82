import fc from 'fast-check';
import { v4 as uuidv4 } from 'uuid';
import { auditLedger, buildReport, runScenario } from '../src';
import { propertySeed, scenarioLines } from '@rebate/test-support';
import { withStore } from './support';

describe('audit replay', () => {
  test('a ledger written by the service passes the audit, and the audit folds the same balances', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        await withStore(async (store) => {
          const live = await runScenario(
            lines.map((line) => JSON.stringify(line)),
            store,
            { tradeBatchSize: 5 },
          );
          const audit = await auditLedger(store);
          expect(audit.discrepancies).toEqual([]);
          const replayed = buildReport(audit.totals, {
            rejected: live.rejected,
            duplicates: live.duplicates,
          });
          expect(replayed).toEqual(live);
        });
      }),
      { seed: propertySeed('audit'), numRuns: 25 },
    );
  });

  test('an accrual appended with a wrong rate is reported with its field and both values', async () => {
    await withStore(async (store) => {
      await runScenario(
        [
          {
            type: 'set-remuneration',
            accountType: 'FIXED',
            usdPerLot: '15',
            at: '2026-09-01T00:00:00Z',
          },
          { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
          { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
          { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
        ].map((line) => JSON.stringify(line)),
        store,
      );
      // A forged accrual: 10 lots x 15 = 150, but 50% instead of the 20% in force.
      await store.append(
        'trade-forged',
        [
          {
            eventId: uuidv4(),
            type: 'RebateAccrued',
            data: {
              tradeId: 'forged',
              clientId: 'C1',
              accountType: 'FIXED',
              symbol: 'EURUSD',
              accountId: null,
              lots: '10',
              closedAt: '2026-09-02T00:00:00Z',
              partnerId: 'P1',
              usdPerLot: '15',
              remunerationSource: 'broker',
              remuneration: '150',
              percent: '50',
              rateRule: 'default',
              rebate: '75',
              net: '70',
            },
            metadata: { schemaVersion: 1 },
          },
        ],
        'no_stream',
      );
      const audit = await auditLedger(store);
      expect(
        audit.discrepancies.map(({ field, recorded, expected }) => ({ field, recorded, expected })),
      ).toEqual([
        { field: 'percent', recorded: '50', expected: '20' },
        { field: 'rebate', recorded: '75', expected: '30' },
        { field: 'net', recorded: '70', expected: '120' },
        { field: 'net = remuneration - rebate', recorded: '70', expected: '75' },
      ]);
    });
  });
});

describe('the audit checks payouts against the balances it folds', () => {
  const setup = [
    { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: '2026-09-01T00:00:00Z' },
    { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
    { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
    { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
    {
      type: 'trade-closed',
      tradeId: 'T1',
      clientId: 'C1',
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots: '0.82',
      closedAt: '2026-09-02T00:00:00Z',
    },
  ].map((line) => JSON.stringify(line));

  test('a second run that pays a balance already paid is reported, whatever the payout says of itself', async () => {
    await withStore(async (store) => {
      // 0.82 x 15 x 20% = 2.46 earned, and paid by the first run.
      await runScenario(
        [...setup, JSON.stringify({ type: 'run-payouts', at: '2026-09-03T00:00:00Z' })],
        store,
      );
      const forgedRun = (at: string) => [
        {
          eventId: uuidv4(),
          type: 'PayoutRunRecorded',
          data: {
            runId: at,
            at,
            minimumUsd: '0.01',
            holdDays: 0,
            cutoff: null,
            payouts: 1,
            total: '2.46',
          },
          metadata: { schemaVersion: 1 },
        },
        {
          eventId: uuidv4(),
          type: 'PayoutRequested',
          data: {
            payoutId: `${at}/C1`,
            runId: at,
            clientId: 'C1',
            amount: '2.46',
            allocations: [{ partnerId: 'P1', amount: '2.46' }],
            partnerId: 'P1',
            at,
          },
          metadata: { schemaVersion: 2 },
        },
      ];
      await store.append('payouts', forgedRun('2026-09-04T00:00:00Z'), 1);
      const audit = await auditLedger(store);
      expect(
        audit.discrepancies.map(({ streamId, field, recorded, expected }) => ({
          streamId,
          field,
          recorded,
          expected,
        })),
      ).toEqual([
        { streamId: 'payouts', field: 'payouts', recorded: '1', expected: '0' },
        { streamId: 'payouts', field: 'total', recorded: '2.46', expected: '0' },
        {
          streamId: 'payouts',
          field: 'payout',
          recorded: 'a payout its run did not make',
          expected: 'no payout',
        },
      ]);
    });
  });

  test('a version-1 payout is checked against the client balance the replay folds', async () => {
    await withStore(async (store) => {
      await runScenario(setup, store);
      const v1 = (amount: string, at: string) => ({
        eventId: uuidv4(),
        type: 'PayoutRequested',
        data: {
          clientId: 'C1',
          partnerId: 'P1',
          amount,
          balanceBefore: '100',
          minimumUsd: '0.01',
          at,
        },
        metadata: { schemaVersion: 1 },
      });
      await store.append('payouts', [v1('2.46', '2026-09-03T00:00:00Z')], 'no_stream');
      await store.append('payouts', [v1('2.46', '2026-09-04T00:00:00Z')], 0);
      const audit = await auditLedger(store);
      expect(
        audit.discrepancies.map(({ field, recorded, expected }) => [field, recorded, expected]),
      ).toEqual([['amount = balance rounded down to cents', '2.46', '0']]);
    });
  });
});

describe('scoped audits', () => {
  const forged = (tradeId: string, partnerId: string, clientId: string, closedAt: string) => ({
    eventId: uuidv4(),
    type: 'RebateAccrued',
    data: {
      tradeId,
      clientId,
      accountType: 'FIXED',
      symbol: 'EURUSD',
      accountId: null,
      lots: '1',
      closedAt,
      partnerId,
      usdPerLot: '15',
      remunerationSource: 'broker',
      remuneration: '15',
      percent: '90',
      rateRule: 'default',
      rebate: '13.5',
      net: '1.5',
    },
    metadata: { schemaVersion: 1 },
  });

  test('a partner and a date range report only their own discrepancies, after a full replay', async () => {
    await withStore(async (store) => {
      await runScenario(
        [
          {
            type: 'set-remuneration',
            accountType: 'FIXED',
            usdPerLot: '15',
            at: '2026-09-01T00:00:00Z',
          },
          { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
          { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
          { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
          { type: 'attach-client', partnerId: 'P2', clientId: 'C2', at: '2026-09-01T00:00:00Z' },
          { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: '2026-09-01T00:00:00Z' },
          { type: 'set-rebate-rate', partnerId: 'P2', percent: '20', at: '2026-09-01T00:00:00Z' },
        ].map((line) => JSON.stringify(line)),
        store,
      );
      await store.append('trade-a', [forged('a', 'P1', 'C1', '2026-09-02T00:00:00Z')], 'no_stream');
      await store.append('trade-b', [forged('b', 'P2', 'C2', '2026-09-02T00:00:00Z')], 'no_stream');
      await store.append('trade-c', [forged('c', 'P1', 'C1', '2026-09-20T00:00:00Z')], 'no_stream');
      const streams = async (scope: Parameters<typeof auditLedger>[1]) => [
        ...new Set((await auditLedger(store, scope)).discrepancies.map((d) => d.streamId)),
      ];
      expect(await streams({})).toEqual(['trade-a', 'trade-b', 'trade-c']);
      expect(await streams({ scope: { partnerId: 'P1' } })).toEqual(['trade-a', 'trade-c']);
      expect(await streams({ scope: { partnerId: 'P1', to: '2026-09-10' } })).toEqual(['trade-a']);
      expect(await streams({ scope: { from: '2026-09-02', to: '2026-09-02' } })).toEqual([
        'trade-a',
        'trade-b',
      ]);
      const scoped = await auditLedger(store, { scope: { partnerId: 'P2' } });
      expect([scoped.events, scoped.eventsInScope]).toEqual([10, 4]);
    });
  });
});
