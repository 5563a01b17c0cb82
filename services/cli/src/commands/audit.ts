import {
  auditLedger,
  buildReport,
  checkLedgerChain,
  describeChainCheck,
  parseChainAnchor,
} from '@rebate/ledger';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

/**
 * `rebate audit`: the finance team's replay. Reads every event of the configured store
 * (EVENT_STORE=sqlite|postgres|esdb, DATA_DIR or DATABASE_URL, as the services), first verifies
 * the tamper-evident chain from the first event (and every `--anchor` recorded earlier), re-derives
 * each accrual, reversal and payout from the rules at its position, and prints the balances the
 * replay folds in the `rebate simulate` format, with every discrepancy. Exits 1 on any.
 */
export const audit = async (options: { dataDir?: string; anchor?: string[] }): Promise<void> => {
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), 'rebate audit');
  const anchors = (options.anchor ?? []).map(parseChainAnchor);
  const store = await openEventStore(config);
  try {
    process.stderr.write(`rebate audit: verifying the chain of ${describeStore(config)}\n`);
    const chain = await checkLedgerChain(store, { anchors, onProgress: chainProgress });
    process.stderr.write(`rebate audit: ${describeChainCheck(chain)}\n`);
    const result = await auditLedger(store).catch((error: unknown) => {
      // A broken chain may have left an event the replay cannot read; the chain says where.
      if (chain.verified || !(error instanceof Error) || error.name !== 'EventDecodingError') {
        throw error;
      }
      return error;
    });
    if (result instanceof Error) {
      const report = { verified: false, chain, replay: `not completed: ${result.message}` };
      process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
      process.exitCode = 1;
      return;
    }
    const { partners, clients, payouts, unattributed } = buildReport(result.totals, {
      rejected: [],
      duplicates: 0,
    });
    const verified = chain.verified && result.discrepancies.length === 0;
    const report = {
      verified,
      chain,
      events: result.events,
      accrualsChecked: result.accrualsChecked,
      reversalsChecked: result.reversalsChecked,
      payoutsChecked: result.payoutsChecked,
      discrepancies: result.discrepancies,
      partners,
      clients,
      payouts,
      unattributed,
    };
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
    if (!verified) process.exitCode = 1;
  } finally {
    await store.close();
  }
};

/** On a terminal, a long verification shows that it is moving. */
const chainProgress = (events: number): void => {
  if (process.stderr.isTTY) process.stderr.write(`rebate audit: ${events} events verified\r`);
};
