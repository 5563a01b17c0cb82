import fc from 'fast-check';
import { Decimal, ZERO, formatDecimal, sumOf } from '@rebate/domain';
import { LedgerTotals, fromRecorded, runScenario } from '../src';
import {
  type Line,
  propertySeed,
  scenarioLines,
  setupLines,
  timeAt,
  tradeLine,
} from '@rebate/test-support';
import { withStore } from './support';

/** Rules sections 5, 9 and 10 as properties over random scenarios (seeds printed). */

const asText = (lines: readonly Line[]) => lines.map((line) => JSON.stringify(line));
const RUNS = Number(process.env['FC_RUNS'] ?? 30);

type Report = Awaited<ReturnType<typeof runScenario>>;
const balancesOf = (report: Report) => ({
  partners: report.partners,
  clients: report.clients,
  payouts: report.payouts,
  unattributed: report.unattributed,
});

const sumOfPayouts = (report: Report, clientId: string, keep: (status: string) => boolean) =>
  formatDecimal(
    sumOf(
      report.payouts
        .filter((p) => p.clientId === clientId && keep(p.status))
        .map((p) => Decimal(p.amount)),
    ),
  );

describe('payout properties over random scenarios', () => {
  test('paid out never exceeds earned minus failed: no payout takes more than the balance (or a part more than its share), and paidOut = made - failed', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines) => {
        await withStore(async (store) => {
          const report = await runScenario(asText(lines), store);
          // Replayed event by event: right after each payout, nothing is overdrawn.
          const totals = new LedgerTotals();
          for await (const recorded of store.readAll()) {
            totals.applyRecorded(recorded);
            const event = fromRecorded(recorded);
            if (event.type !== 'PayoutRequested') continue;
            const account = totals.clients.get(event.clientId);
            expect({
              payout: event.payoutId,
              overdrawn: account?.paidOut.gt(account.rebates),
            }).toEqual({
              payout: event.payoutId,
              overdrawn: false,
            });
            for (const allocation of event.allocations) {
              expect({
                payout: event.payoutId,
                partner: allocation.partnerId,
                negative: totals.partBalance(event.clientId, allocation.partnerId).lt(ZERO),
              }).toEqual({
                payout: event.payoutId,
                partner: allocation.partnerId,
                negative: false,
              });
            }
          }
          for (const client of report.clients) {
            // Failed payouts are given back: paid out is what was made minus what failed.
            expect([client.clientId, client.paidOut]).toEqual([
              client.clientId,
              sumOfPayouts(report, client.clientId, (status) => status !== 'failed'),
            ]);
          }
        });
      }),
      { seed: propertySeed('paid out within earned'), numRuns: RUNS },
    );
  });

  test('a repeated run never pays: the same run again, anywhere later, is a duplicate; another minimum under its id is rejected', async () => {
    const withRepeats = scenarioLines.chain((lines) => {
      const runs = lines.flatMap((line, i) => (line['type'] === 'run-payouts' ? [i] : []));
      return fc.tuple(
        fc.constant(lines),
        fc.array(
          fc.tuple(fc.constantFrom(...(runs.length > 0 ? runs : [-1])), fc.nat(), fc.boolean()),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      );
    });
    await fc.assert(
      fc.asyncProperty(withRepeats, async ([lines, repeats]) => {
        const original = await withStore((store) => runScenario(asText(lines), store));
        const repeated = [...lines];
        let duplicates = 0;
        let conflicts = 0;
        for (const [index, where, sameMinimum] of repeats) {
          const run = lines[index];
          if (run === undefined) continue;
          const at = repeated.indexOf(run) + 1;
          const copy = sameMinimum
            ? { ...run }
            : { ...run, minimumUsd: run['minimumUsd'] === '7' ? '8' : '7' };
          repeated.splice(at + (where % (repeated.length - at + 1)), 0, copy);
          if (sameMinimum) duplicates += 1;
          else conflicts += 1;
        }
        const again = await withStore((store) => runScenario(asText(repeated), store));
        expect(balancesOf(again)).toEqual(balancesOf(original));
        expect(again.duplicates).toBe(original.duplicates + duplicates);
        const conflicting = again.rejected.filter((r) =>
          /payout run .* was already made/.test(r.reason),
        );
        expect(conflicting).toHaveLength(conflicts);
      }),
      { seed: propertySeed('repeated run'), numRuns: RUNS },
    );
  });

  test('results in any order converge: every permutation of a set of results gives the same balances and statuses', async () => {
    const RUN_AT = timeAt(4000);
    const scenario = fc.tuple(
      setupLines,
      fc
        .array(fc.nat(), { minLength: 3, maxLength: 12 })
        .chain((ids) => fc.tuple(...ids.map((_, i) => tradeLine(`T${i}`, 3000)))),
      // Picks among the run's payouts: completed or failed, some sent twice.
      fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 50 })), {
        minLength: 1,
        maxLength: 4,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ([setup, trades, picks]) => {
        const base: Line[] = [...setup, ...trades, { type: 'run-payouts', at: RUN_AT }];
        const made = (await withStore((store) => runScenario(asText(base), store))).payouts;
        fc.pre(made.length > 0);
        const chosen = new Map<string, Line>();
        const results: Line[] = [];
        for (const [pick, ok, twice, minute] of picks) {
          const payoutId = (made[pick % made.length] as { payoutId: string }).payoutId;
          // One result per payout (a contradiction is first-wins by design, not order-free).
          const result = chosen.get(payoutId) ?? {
            type: ok ? 'payout-completed' : 'payout-failed',
            payoutId,
            at: timeAt(4000 + minute),
            ...(ok ? {} : { reason: 'bank refused' }),
          };
          chosen.set(payoutId, result);
          results.push(result);
          if (twice) results.push({ ...result });
        }
        // At most 5 results, so all (at most 120) orders are tried; an unknown id among them,
        // and a later run (which pays the failed ones again) after them.
        results.splice(4);
        const unknown = {
          type: 'payout-completed',
          payoutId: `${RUN_AT}/nobody`,
          at: timeAt(4100),
        };
        const after: Line[] = [{ type: 'run-payouts', at: timeAt(5000) }];
        const reports: Report[] = [];
        for (const order of permutations([...results, unknown])) {
          reports.push(
            await withStore((store) => runScenario(asText([...base, ...order, ...after]), store)),
          );
        }
        const first = reports[0] as Report;
        for (const report of reports) {
          expect(balancesOf(report)).toEqual(balancesOf(first));
          expect(report.duplicates).toBe(first.duplicates);
          expect(report.rejected.map((r) => r.reason).sort()).toEqual(
            first.rejected.map((r) => r.reason).sort(),
          );
        }
        // The statuses are the results given, whatever their order.
        for (const result of results) {
          const status = first.payouts.find((p) => p.payoutId === result['payoutId'])?.status;
          expect([result['payoutId'], status]).toEqual([
            result['payoutId'],
            result['type'] === 'payout-completed' ? 'completed' : 'failed',
          ]);
        }
      }),
      { seed: propertySeed('results in any order'), numRuns: Math.ceil(RUNS / 5) },
    );
  });
});

/** Every order of a few items. */
function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i += 1) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i] as T, ...tail];
  }
}
