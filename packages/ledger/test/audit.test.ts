import fc from 'fast-check';
import { v4 as uuidv4 } from 'uuid';
import { auditLedger, buildReport, runScenario } from '../src';
import { propertySeed, scenarioLines } from './scenario-arbitrary';
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
