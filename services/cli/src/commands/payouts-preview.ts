import { type RunPayouts, decodeCommand, parseInstant } from '@rebate/domain';
import { type PayoutPreview, answerPayoutPreview, payoutBookSource } from '@rebate/api';
import { LedgerCommands, PayoutCache, StorePayables } from '@rebate/ledger';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

const PROGRAM = 'rebate payouts preview';

export interface PayoutsPreviewOptions {
  readonly at?: string;
  readonly minAmount?: string;
  readonly runId?: string;
  readonly format?: string;
  readonly dataDir?: string;
}

/** The run the flags describe, decoded by the rules' own codec; a bad flag is named. */
const runOf = (options: PayoutsPreviewOptions, now: Date): RunPayouts => {
  const at = parseInstant(options.at ?? now.toISOString());
  if (at === undefined) {
    throw new Error(`--at must be an ISO-8601 instant with a zone, not ${options.at}`);
  }
  const decoded = decodeCommand({
    type: 'run-payouts',
    at,
    ...(options.minAmount === undefined ? {} : { minimumUsd: options.minAmount }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
  });
  if (decoded._tag === 'Left') {
    const flag = decoded.left.field === 'minimumUsd' ? '--min-amount' : '--run-id';
    throw new Error(`${flag}: ${decoded.left.reason}`);
  }
  return decoded.right as RunPayouts;
};

/** For a person: one row per payout, then the total. */
export const previewTable = (preview: PayoutPreview): string => {
  const rows = [
    ['payoutId', 'clientId', 'partnerId', 'amount'],
    ...preview.payouts.map((p) => [p.payoutId, p.clientId, p.partnerId ?? '-', p.amount]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const header = [
    `run      ${preview.runId} at ${preview.at}`,
    `hold     ${preview.holdDays} days${preview.cutoff === null ? '' : `, cutoff ${preview.cutoff}`}`,
    `payouts  ${preview.payouts.length}, total ${preview.total}`,
  ];
  const table = rows.map((row) =>
    row
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  return [...header, '', ...table].join('\n');
};

/**
 * `rebate payouts preview [--at TIME] [--min-amount X] [--run-id ID] [--format json|table]`:
 * what a run would pay at TIME (default now) on the configured store, as `rebate audit` opens
 * it; the document `POST /v1/payout-runs?dryRun=true` answers, decided by the same code.
 * Appends nothing. A rejected run (a conflicting run id) exits 1 with its reason.
 */
export const payoutsPreview = async (
  options: PayoutsPreviewOptions,
  now: Date = new Date(),
): Promise<void> => {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'table') {
    throw new Error(`--format must be json or table, not ${format}`);
  }
  const run = runOf(options, now);
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), PROGRAM);
  const store = await openEventStore(config);
  try {
    process.stderr.write(`${PROGRAM}: reading ${describeStore(config)}\n`);
    const ledger = new LedgerCommands(store, new StorePayables(store));
    const preview = await answerPayoutPreview(
      ledger,
      payoutBookSource(new PayoutCache(store)),
      run,
    );
    if (preview._tag === 'Left') {
      throw new Error(`the run is rejected (${preview.left.code}): ${preview.left.reason}`);
    }
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify(preview.right, null, 1)}\n`
        : `${previewTable(preview.right)}\n`,
    );
  } finally {
    await store.close();
  }
};
