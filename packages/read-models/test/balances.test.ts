import fc from 'fast-check';
import { Decimal, formatDecimal, sumOf } from '@rebate/domain';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { SqlLedgerQueries } from '../src';
import { propertySeed, scenarioLines } from '@rebate/test-support';
import { clientDaysOf, dayOracle, partnerDaysOf } from './support/day-oracle';
import { catchUp, resetAll } from './support/projections';
import { applyLines, numRuns } from './support/scenario';
import { SETUPS } from './support/setups';

const EVERY_DAY = ['0000-01-01', '9999-12-31'] as const;

describe.each(SETUPS)('balances read model on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('equals LedgerTotals (rebate simulate) for random scenarios, and per-day rows add up', async () => {
    const storage = await setup.openStorage();
    const queries = new SqlLedgerQueries(storage);
    try {
      await fc.assert(
        fc.asyncProperty(scenarioLines, async (lines) => {
          // A fresh store per run: the storage is reset, as a rebuild would.
          const store = openSqliteEventStore({ path: ':memory:' });
          try {
            await resetAll(storage);
            const report = await applyLines(store, lines);
            await catchUp(store, storage, undefined, 13);

            const partners = await queries.listPartners();
            // Overrides paid and received apart, and netted into `net` (section 12).
            expect(partners.map(({ model: _m, clients: _c, ...totals }) => totals)).toEqual(
              report.partners,
            );
            const clients = await queries.listClients({});
            expect(
              clients.map(({ pendingPayout: _p, paid: _d, inFlight: _f, ...account }) => account),
            ).toEqual(report.clients);
            // Paid out, split by the payouts' statuses after the whole scenario (section 9).
            const payoutSum = (clientId: string, status: string) =>
              formatDecimal(
                sumOf(
                  report.payouts
                    .filter((p) => p.clientId === clientId && p.status === status)
                    .map((p) => Decimal(p.amount)),
                ),
              );
            expect(
              clients.map(({ clientId, paid, inFlight }) => [clientId, paid, inFlight]),
            ).toEqual(
              clients.map(({ clientId }) => [
                clientId,
                payoutSum(clientId, 'completed'),
                payoutSum(clientId, 'requested'),
              ]),
            );

            for (const partner of partners) {
              const attached = report.clients.filter((c) => c.partnerId === partner.partnerId);
              expect(partner.clients).toBe(attached.length);
              const listed = await queries.listClients({ partnerId: partner.partnerId });
              expect(listed.map((c) => c.clientId)).toEqual(attached.map((c) => c.clientId));
            }

            const oracle = await dayOracle(store);
            for (const partner of partners) {
              expect(await queries.partnerStatement(partner.partnerId, ...EVERY_DAY)).toEqual(
                partnerDaysOf(oracle, partner.partnerId),
              );
            }
            for (const client of clients) {
              expect(await queries.clientStatement(client.clientId, ...EVERY_DAY)).toEqual(
                clientDaysOf(oracle, client.clientId),
              );
            }
          } finally {
            await store.close();
          }
        }),
        {
          seed: propertySeed(`balances = LedgerTotals (${setup.name})`),
          numRuns: numRuns(setup.name === 'sqlite' ? 30 : 15),
        },
      );
    } finally {
      await storage.close();
    }
  });
});
