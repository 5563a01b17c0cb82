import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { decodeLine } from '@rebate/domain';
import {
  LedgerCommands,
  LedgerTotals,
  type SimulationReport,
  buildReport,
  runScenario,
} from '@rebate/ledger';
import { isLeft } from 'fp-ts/Either';
import type { IngestionScenario } from './scenario';

/** The agreement commands, applied through the ledger before any trade is published. */
export const applyCommands = async (store: EventStore, lines: readonly string[]): Promise<void> => {
  const ledger = new LedgerCommands(store, {
    payables: async () => ({ payables: [], position: undefined }),
  });
  for (const [i, line] of lines.entries()) {
    const command = decodeLine(line);
    if (isLeft(command)) throw new Error(`bad setup line ${line}: ${command.left}`);
    const outcome = await ledger.execute(command.right, { commandId: `setup:${i}` });
    if (outcome.kind === 'rejected')
      throw new Error(`setup line rejected: ${line}: ${outcome.rejection.reason}`);
  }
};

/** The numbers that must not depend on which partition was consumed first. */
export const balancesOf = (report: SimulationReport) => ({
  partners: report.partners,
  clients: report.clients,
  unattributed: report.unattributed,
});

export interface LedgerFacts {
  readonly report: SimulationReport;
  readonly accrued: number;
  readonly reversed: number;
}

/** Folds everything in a store into the report and counts the trade events. */
export const ledgerFacts = async (store: EventStore): Promise<LedgerFacts> => {
  const totals = new LedgerTotals();
  await totals.catchUp(store);
  let accrued = 0;
  let reversed = 0;
  for await (const event of store.readAll({ filter: { streamPrefixes: ['trade-'] } })) {
    if (event.type === 'RebateAccrued') accrued += 1;
    if (event.type === 'RebateReversed') reversed += 1;
  }
  return { report: buildReport(totals, { rejected: [], duplicates: 0 }), accrued, reversed };
};

export interface Expected extends LedgerFacts {
  /** Messages the reference run rejected (index into `scenario.messages`, reason). */
  readonly rejected: readonly { readonly message: number; readonly reason: string }[];
  readonly duplicates: number;
}

/** The reference: `runScenario` on a fresh SQLite store, commands then messages in publish order. */
export const expectedFor = async (scenario: IngestionScenario): Promise<Expected> => {
  const store = openSqliteEventStore({ path: ':memory:' });
  try {
    const lines = [...scenario.commands, ...scenario.messages.map((m) => m.line)];
    const report = await runScenario(lines, store, { tradeBatchSize: 1000 });
    const facts = await ledgerFacts(store);
    const rejected = report.rejected.map(({ line, reason }) => ({
      message: line - 1 - scenario.commands.length,
      reason,
    }));
    return { ...facts, rejected, duplicates: report.duplicates };
  } finally {
    await store.close();
  }
};
