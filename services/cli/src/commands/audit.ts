import {
  type AuditScope,
  type Discrepancy,
  describeChainCheck,
  parseChainAnchor,
  runLedgerAudit,
} from '@rebate/ledger';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

/**
 * `rebate audit`: the finance team's replay. Reads every event of the configured store
 * (EVENT_STORE=sqlite|postgres|esdb, DATA_DIR or DATABASE_URL, as the services), first verifies
 * the tamper-evident chain from the first event (and every `--anchor` recorded earlier), re-derives
 * each accrual, reversal and payout from the rules at its position, and prints the balances the
 * replay folds in the `rebate simulate` format, with every discrepancy. Exits 1 on any.
 */
export interface AuditOptions {
  readonly dataDir?: string;
  readonly anchor?: string[];
  readonly partner?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The scope the flags ask for; a bad day or format is a bad invocation (exit 2). */
const scopeOf = (options: AuditOptions): AuditScope => {
  for (const [flag, day] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (day !== undefined && !DAY.test(day)) {
      process.stderr.write(`rebate audit: ${flag} must be a UTC day YYYY-MM-DD, not ${day}\n`);
      process.exit(2);
    }
  }
  if (options.from !== undefined && options.to !== undefined && options.to < options.from) {
    process.stderr.write(`rebate audit: --to must not be before --from (${options.from})\n`);
    process.exit(2);
  }
  if (options.format !== undefined && options.format !== 'json' && options.format !== 'table') {
    process.stderr.write(`rebate audit: --format must be json or table, not ${options.format}\n`);
    process.exit(2);
  }
  return {
    ...(options.partner === undefined ? {} : { partnerId: options.partner }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  };
};

export const audit = async (options: AuditOptions): Promise<void> => {
  const scope = scopeOf(options);
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), 'rebate audit');
  const anchors = (options.anchor ?? []).map(parseChainAnchor);
  const store = await openEventStore(config);
  try {
    process.stderr.write(`rebate audit: verifying the chain of ${describeStore(config)}\n`);
    const report = await runLedgerAudit(store, {
      scope,
      anchors,
      onChainProgress: chainProgress,
      onChainChecked: (chain) =>
        process.stderr.write(`rebate audit: ${describeChainCheck(chain)}\n`),
      onReplayProgress: replayProgress,
    });
    process.stdout.write(
      options.format === 'table' && 'discrepancies' in report
        ? auditTable(report)
        : `${JSON.stringify(report, null, 1)}\n`,
    );
    if (!report.verified) process.exitCode = 1;
  } finally {
    await store.close();
  }
};

/** For a person: the verdict, the counts, and one row per discrepancy. */
const auditTable = (report: {
  verified: boolean;
  chain: { verified: boolean };
  events: number;
  eventsInScope: number;
  accrualsChecked: number;
  reversalsChecked: number;
  payoutsChecked: number;
  discrepancies: readonly Discrepancy[];
}): string => {
  const lines = [
    `verdict     ${report.verified ? 'VERIFIED' : 'NOT VERIFIED'}`,
    `chain       ${report.chain.verified ? 'intact' : 'BROKEN (see the JSON report)'}`,
    `events      ${report.events} replayed, ${report.eventsInScope} in scope`,
    `checked     ${report.accrualsChecked} accruals, ${report.reversalsChecked} reversals, ${report.payoutsChecked} payouts`,
    `discrepancies ${report.discrepancies.length}`,
  ];
  if (report.discrepancies.length > 0) {
    const rows = [
      ['position', 'stream', 'field', 'recorded', 'expected'],
      ...report.discrepancies.map((d) => [d.position, d.streamId, d.field, d.recorded, d.expected]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    lines.push('', ...rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')));
  }
  return `${lines.join('\n')}\n`;
};

const replayProgress = (events: number): void => {
  if (process.stderr.isTTY) process.stderr.write(`rebate audit: ${events} events replayed\r`);
};

/** On a terminal, a long verification shows that it is moving. */
const chainProgress = (events: number): void => {
  if (process.stderr.isTTY) process.stderr.write(`rebate audit: ${events} events verified\r`);
};
