import fc from 'fast-check';
import { Decimal, formatDecimal, sumOf } from '@rebate/domain';
import { LedgerTotals, buildReport, fromRecorded, runScenario } from '../src';
import {
  type Line,
  malformedLine,
  propertySeed,
  scenarioLines,
  tradesAfterTerms,
} from '@rebate/test-support';
import { withStore } from './support';

const asText = (lines: readonly Line[]) => lines.map((line) => JSON.stringify(line));
const RUNS = Number(process.env['FC_RUNS'] ?? 40);

const balancesOf = (report: Awaited<ReturnType<typeof runScenario>>) => ({
  partners: report.partners,
  clients: report.clients,
  payouts: report.payouts,
  unattributed: report.unattributed,
});

describe('ledger properties over random scenarios', () => {
  test('remuneration of all partners = rebates + net of all; each net = remuneration - rebates - overrides paid + received; client rebates add up to partner rebates', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        const report = await withStore((store) => runScenario(asText(lines), store));
        for (const partner of report.partners) {
          expect(
            formatDecimal(
              Decimal(partner.remuneration)
                .minus(partner.rebates)
                .minus(partner.overridesPaid)
                .plus(partner.overridesReceived),
            ),
          ).toBe(formatDecimal(Decimal(partner.net)));
        }
        const total = (
          field: 'remuneration' | 'rebates' | 'net' | 'overridesPaid' | 'overridesReceived',
        ) => sumOf(report.partners.map((p) => Decimal(p[field])));
        expect(formatDecimal(total('remuneration'))).toBe(
          formatDecimal(total('rebates').plus(total('net'))),
        );
        expect(formatDecimal(total('overridesPaid'))).toBe(
          formatDecimal(total('overridesReceived')),
        );
        const partnerRebates = sumOf(report.partners.map((p) => Decimal(p.rebates)));
        const clientRebates = sumOf(report.clients.map((c) => Decimal(c.rebates)));
        expect(formatDecimal(clientRebates)).toBe(formatDecimal(partnerRebates));
      }),
      { seed: propertySeed('conservation'), numRuns: RUNS },
    );
  });

  test('no rebate exceeds its remuneration, none is negative, and each is exactly remuneration x percent / 100', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        await withStore(async (store) => {
          await runScenario(asText(lines), store);
          for await (const recorded of store.readAll()) {
            const event = fromRecorded(recorded);
            if (event.type !== 'RebateAccrued') continue;
            expect(event.rebate.gte(Decimal('0'))).toBe(true);
            expect(event.rebate.lte(event.remuneration)).toBe(true);
            expect(
              event.remuneration.eq(
                event.qualification.qualified ? event.lots.times(event.usdPerLot) : Decimal('0'),
              ),
            ).toBe(true);
            // What a parent receives never exceeds what its child had (section 12).
            let share = event.net;
            for (const level of event.overrides) {
              expect(level.amount.lte(share) && level.amount.gte(Decimal('0'))).toBe(true);
              share = level.amount;
            }
            expect(
              event.rebate.times(Decimal('100')).eq(event.remuneration.times(event.percent)),
            ).toBe(true);
          }
        });
      }),
      { seed: propertySeed('rebate bounds'), numRuns: RUNS },
    );
  });

  test('balances do not depend on the order trades arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(
        tradesAfterTerms.chain(({ terms, trades }) =>
          fc.tuple(
            fc.constant(terms),
            fc.constant(trades),
            fc.shuffledSubarray(trades, { minLength: trades.length }),
          ),
        ),
        async ([terms, trades, shuffled]) => {
          const inOrder = await withStore((store) =>
            runScenario(asText([...terms, ...trades]), store),
          );
          const reordered = await withStore((store) =>
            runScenario(asText([...terms, ...shuffled]), store),
          );
          expect(balancesOf(reordered)).toEqual(balancesOf(inOrder));
        },
      ),
      { seed: propertySeed('order independence'), numRuns: RUNS },
    );
  });

  test('replaying the stored events rebuilds the same balances', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        await withStore(async (store) => {
          const live = await runScenario(asText(lines), store);
          const replayed = new LedgerTotals();
          for await (const recorded of store.readAll()) replayed.applyRecorded(recorded);
          expect(
            buildReport(replayed, { rejected: live.rejected, duplicates: live.duplicates }),
          ).toEqual(live);
        });
      }),
      { seed: propertySeed('replay'), numRuns: RUNS },
    );
  });

  test('deciding trades in batches, as Kafka ingestion does, gives the same report as one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioLines,
        fc.integer({ min: 2, max: 25 }),
        async (lines, tradeBatchSize) => {
          const single = await withStore((store) => runScenario(asText(lines), store));
          const batched = await withStore((store) =>
            runScenario(asText(lines), store, { tradeBatchSize }),
          );
          expect(batched).toEqual(single);
        },
      ),
      { seed: propertySeed('batched trades'), numRuns: RUNS },
    );
  });

  test('a malformed or unknown line never changes a balance', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioLines.chain((lines) =>
          fc.tuple(
            fc.constant(lines),
            fc.array(fc.tuple(fc.integer({ min: 0, max: lines.length }), malformedLine), {
              maxLength: 5,
            }),
          ),
        ),
        async ([lines, insertions]) => {
          const clean = asText(lines);
          const dirty = [...clean];
          for (const [index, bad] of [...insertions].sort((a, b) => b[0] - a[0]))
            dirty.splice(index, 0, bad);
          const before = await withStore((store) => runScenario(clean, store));
          const after = await withStore((store) => runScenario(dirty, store));
          expect(balancesOf(after)).toEqual(balancesOf(before));
          expect(after.rejected.length).toBe(before.rejected.length + insertions.length);
        },
      ),
      { seed: propertySeed('malformed lines'), numRuns: RUNS },
    );
  });
});
