import type { EventStore } from '@rebate/event-store';
import { type SimulationReport, runScenario } from '@rebate/ledger';
import fc from 'fast-check';
import { type Line, scenarioLines } from '@rebate/test-support';

export type { Line };

/** Applies scenario lines through the ledger's own command handling; returns its report. */
export const applyLines = (
  store: EventStore,
  lines: readonly Line[],
  runId = 'test',
): Promise<SimulationReport> =>
  runScenario(
    lines.map((line) => JSON.stringify(line)),
    store,
    { runId, tradeBatchSize: 7 },
  );

export const numRuns = (fallback: number): number => Number(process.env['FC_RUNS'] ?? fallback);

const shift = (text: unknown, minutes: number): unknown =>
  typeof text === 'string'
    ? new Date(Date.parse(text) + minutes * 60_000).toISOString().replace('.000Z', 'Z')
    : text;

/**
 * A long random history: `parts` scenarios from the ledger's arbitrary, one after another in
 * time, each with its own trade ids (so later parts void and redeliver their own trades).
 */
export const longScenario = (seed: number, parts: number): Line[] =>
  fc.sample(scenarioLines, { seed, numRuns: parts }).flatMap((lines, part) =>
    lines.map((line) => ({
      ...line,
      ...('at' in line ? { at: shift(line['at'], part * 5000) } : {}),
      ...('closedAt' in line ? { closedAt: shift(line['closedAt'], part * 5000) } : {}),
      ...('tradeId' in line ? { tradeId: `p${part}-${String(line['tradeId'])}` } : {}),
    })),
  );
