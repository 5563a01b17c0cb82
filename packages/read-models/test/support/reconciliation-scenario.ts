import type { SimulationReport } from '@rebate/ledger';
import fc from 'fast-check';
import { type Line, scenarioLines } from '@rebate/test-support';

const shift = (text: unknown, minutes: number): unknown =>
  typeof text === 'string'
    ? new Date(Date.parse(text) + minutes * 60_000).toISOString().replace('.000Z', 'Z')
    : text;

/**
 * A long random history as `longScenario` (support/scenario.ts) makes it, `parts` scenarios one
 * after another in time, with the payout results' ids moved with their runs, so that later
 * parts complete and fail payouts too.
 */
export const longScenarioWithPayouts = (seed: number, parts: number): Line[] =>
  fc.sample(scenarioLines, { seed, numRuns: parts }).flatMap((lines, part) =>
    lines.map((line) => {
      const minutes = part * 5000;
      const payoutId = line['payoutId'];
      return {
        ...line,
        ...('at' in line ? { at: shift(line['at'], minutes) } : {}),
        ...('closedAt' in line ? { closedAt: shift(line['closedAt'], minutes) } : {}),
        ...('tradeId' in line ? { tradeId: `p${part}-${String(line['tradeId'])}` } : {}),
        ...(typeof payoutId === 'string'
          ? {
              payoutId: payoutId.replace(/^[^/]+/, (at) => String(shift(at, minutes))),
            }
          : {}),
      };
    }),
  );

/**
 * The payout service's reports on what is still in flight, a day after each request: a third
 * completed, a third failed, the rest left in flight.
 */
export const payoutResults = (history: Pick<SimulationReport, 'payouts'>): Line[] =>
  history.payouts
    .filter((payout) => payout.status === 'requested')
    .flatMap((payout, i): Line[] =>
      i % 3 === 2
        ? []
        : [
            {
              type: i % 3 === 0 ? 'payout-completed' : 'payout-failed',
              payoutId: payout.payoutId,
              at: shift(payout.at, 24 * 60),
              ...(i % 3 === 0 ? {} : { reason: 'bank refused' }),
            },
          ],
    );
