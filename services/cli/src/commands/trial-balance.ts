import { type TrialBalanceDocument, parseInstant } from '@rebate/domain';
import { replayTrialBalance } from '@rebate/ledger';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

const PROGRAM = 'rebate trial-balance';

export interface TrialBalanceCliOptions {
  readonly asOf?: string;
  readonly format?: string;
  readonly dataDir?: string;
}

/** Columns padded to their widest cell; balances right-aligned. */
export const formatTable = (document: TrialBalanceDocument): string => {
  const rows = [
    ['account', 'asset', 'balance'],
    ...document.accounts.map((line) => [line.account, line.asset, line.balance]),
    ['total', '', ''],
    ...document.totals.map((line) => ['', line.asset, line.balance]),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => [...(row[column] as string)].length)),
  );
  const pad = (cell: string, width: number, right: boolean) => {
    const fill = ' '.repeat(width - [...cell].length);
    return right ? fill + cell : cell + fill;
  };
  return rows
    .map((row) =>
      row
        .map((cell, column) => pad(cell, widths[column] as number, column === 2))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/**
 * `rebate trial-balance [--as-of TIME] [--format json|table]`: replays the configured store
 * (like `rebate audit`), folds every event's postings, and prints every account's balance per
 * asset and the totals, which are zero. Exits 1 when a total is not.
 */
export const trialBalance = async (options: TrialBalanceCliOptions): Promise<void> => {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'table') {
    throw new Error(`--format must be json or table, not ${format}`);
  }
  const asOf = options.asOf === undefined ? undefined : parseInstant(options.asOf);
  if (options.asOf !== undefined && asOf === undefined) {
    throw new Error(`--as-of must be an ISO-8601 instant with a zone, not ${options.asOf}`);
  }
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), PROGRAM);
  const store = await openEventStore(config);
  const terminal = process.stderr.isTTY === true;
  try {
    process.stderr.write(`${PROGRAM}: replaying ${describeStore(config)}\n`);
    const document = await replayTrialBalance(store, {
      ...(asOf === undefined ? {} : { asOf }),
      // On a terminal, one line that counts up; in a log, nothing per step.
      ...(terminal
        ? { onProgress: (events) => process.stderr.write(`\r${PROGRAM}: ${events} events read`) }
        : {}),
    });
    if (terminal) process.stderr.write('\n');
    process.stdout.write(
      format === 'json' ? `${JSON.stringify(document, null, 1)}\n` : `${formatTable(document)}\n`,
    );
    if (document.totals.some((total) => total.balance !== '0')) process.exitCode = 1;
  } finally {
    await store.close();
  }
};
