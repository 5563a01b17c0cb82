import type { EventStore } from '@rebate/event-store';
import { decodeLine } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { LedgerCommands } from '../commands/ledger-commands';
import { LedgerTotals } from '../projections/ledger-totals';
import { type SimulationReport, buildReport } from './report';

/**
 * Applies a scenario's lines in file order through the same command handling the service uses
 * (decide, append to the event store, project), then reports the read model.
 */
export const runScenario = async (
  lines: Iterable<string>,
  store: EventStore,
  runId = 'simulate',
): Promise<SimulationReport> => {
  const totals = new LedgerTotals();
  const commands = new LedgerCommands(store, {
    currentBalances: async () => {
      await totals.catchUp(store);
      return totals.balances();
    },
  });
  const rejected: SimulationReport['rejected'] = [];
  let duplicates = 0;
  let lineNumber = 0;
  for (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const decoded = decodeLine(text);
    if (isLeft(decoded)) {
      rejected.push({ line: lineNumber, reason: decoded.left });
      continue;
    }
    const outcome = await commands.execute(decoded.right, {
      commandId: `${runId}:line:${lineNumber}`,
    });
    if (outcome.kind === 'rejected')
      rejected.push({ line: lineNumber, reason: outcome.rejection.reason });
    if (outcome.kind === 'duplicate') duplicates += 1;
  }
  await totals.catchUp(store);
  return buildReport(totals, { rejected, duplicates });
};
