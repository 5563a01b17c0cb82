import { auditLedger, buildReport } from '@rebate/ledger';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

/**
 * `rebate audit`: the finance team's replay. Reads every event of the configured store
 * (EVENT_STORE=sqlite|postgres|esdb, DATA_DIR or DATABASE_URL, as the services), re-derives
 * each accrual, reversal and payout from the rules at its position, and prints the balances the
 * replay folds in the `rebate simulate` format, with every discrepancy. Exits 1 on any.
 */
export const audit = async (options: { dataDir?: string }): Promise<void> => {
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), 'rebate audit');
  const store = await openEventStore(config);
  try {
    process.stderr.write(`rebate audit: replaying ${describeStore(config)}\n`);
    const result = await auditLedger(store);
    const { partners, clients, payouts, unattributed } = buildReport(result.totals, {
      rejected: [],
      duplicates: 0,
    });
    const verified = result.discrepancies.length === 0;
    const report = {
      verified,
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
