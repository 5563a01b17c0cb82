#!/usr/bin/env node
import { Command } from 'commander';

/*
 * Each command loads its module only when it runs, so `rebate simulate` never pays for the HTTP
 * server, the PostgreSQL driver or the read models.
 */

const program = new Command()
  .name('rebate')
  .description('The rebate ledger: event-sourced rebates for introducing-broker partners')
  .showHelpAfterError();

program
  .command('simulate')
  .description('apply a scenario file (NDJSON lines of the rules) and print the balances as JSON')
  .argument('<file>', 'scenario file, one JSON object per line')
  // Rules section 14: exactly one file; any other argument is a bad invocation.
  .allowExcessArguments(false)
  // ... and a help flag is another argument, not a request that exits 0.
  .helpOption(false)
  .option('--data-dir <dir>', 'keep the embedded store in this folder instead of in memory')
  .action(async (file: string, options: { dataDir?: string }) =>
    (await import('./commands/simulate.js')).simulate(file, options),
  );

program
  .command('projections')
  .description('maintain the read models')
  .command('rebuild')
  .description(
    'rebuild a projection (default: every one) from the first event beside its live tables, then swap them in (no API stop)',
  )
  .argument('[name]', 'accounts, accruals or agreements')
  .action(async (name: string | undefined) =>
    (await import('./commands/projections-rebuild.js')).rebuildProjections(name),
  );

program
  .command('serve')
  .description('run the service: store, projections and HTTP API (SQLite in DATA_DIR by default)')
  .option('--port <port>', 'HTTP port (default PORT or 8080)')
  .option('--data-dir <dir>', 'data folder of the embedded store (default DATA_DIR or ./data)')
  .action(async (options: Parameters<typeof import('./commands/serve.js').serve>[0]) =>
    (await import('./commands/serve.js')).serve(options),
  );

program
  .command('token')
  .description('mint a bearer token for local use (JWT_SECRET or the secret `serve` generated)')
  .requiredOption('--role <role>', 'partner, finance or admin')
  .option('--partner <partnerId>', 'the partner of a partner token')
  .option('--expires <duration>', 'lifetime, e.g. 15m or 8h (at most JWT_MAX_LIFETIME_S)', '1h')
  .option('--data-dir <dir>', 'where `serve` keeps its secret (default DATA_DIR or ./data)')
  .option('--link', 'print a dashboard sign-in link (token in the URL fragment, never sent)')
  .option('--url <url>', 'the dashboard for --link (default http://127.0.0.1:PORT)')
  .action(async (options: Parameters<typeof import('./commands/token.js').token>[0]) =>
    (await import('./commands/token.js')).token(options),
  );

program
  .command('ingest')
  .description('feed an NDJSON file of trades and commands to the running service (no Kafka)')
  .argument('<file>', 'one JSON object per line, the input lines of the rules')
  .option('--url <url>', 'the API (default http://127.0.0.1:PORT)')
  .option('--token <jwt>', 'an admin token (default REBATE_TOKEN, else minted locally)')
  .option('--chunk <lines>', 'lines per request', '5000')
  .action(
    async (file: string, options: Parameters<typeof import('./commands/ingest.js').ingest>[1]) =>
      (await import('./commands/ingest.js')).ingest(file, options),
  );

program
  .command('audit')
  .description(
    'replay the configured store, re-derive every accrual, reversal and payout from the rules, print the balances',
  )
  .option('--data-dir <dir>', 'data folder of the embedded store (default DATA_DIR or ./data)')
  .option(
    '--anchor <position:hash...>',
    'a chain head an earlier audit printed: prove it unchanged',
  )
  .option(
    '--partner <id>',
    "report only this partner's discrepancies (the chain is still verified in full)",
  )
  .option('--from <YYYY-MM-DD>', 'report only trades closed on or after this UTC day')
  .option('--to <YYYY-MM-DD>', 'report only trades closed on or before this UTC day')
  .option('--format <json|table>', 'the report as JSON (default) or a human-readable table', 'json')
  .action(async (options: Parameters<typeof import('./commands/audit.js').audit>[0]) =>
    (await import('./commands/audit.js')).audit(options),
  );

program
  .command('trial-balance')
  .description(
    'replay the configured store and print every account balance per asset and the totals (zero)',
  )
  .option(
    '--as-of <time>',
    'the books as they stood at this instant (ISO-8601): only events recorded at or before it',
  )
  .option('--format <format>', 'json or table', 'json')
  .option('--data-dir <dir>', 'data folder of the embedded store (default DATA_DIR or ./data)')
  .action(
    async (options: Parameters<typeof import('./commands/trial-balance.js').trialBalance>[0]) =>
      (await import('./commands/trial-balance.js')).trialBalance(options),
  );

program
  .command('reconcile')
  .description(
    "finance's reconciliation export on the configured store: per partner per day, or per client per day, with a totals row",
  )
  .argument('<report>', 'partners or clients')
  .option('--from <YYYY-MM-DD>', 'the first UTC trade-close day (default: the first there is)')
  .option('--to <YYYY-MM-DD>', 'the last UTC trade-close day (default: the last there is)')
  .option('--partner <id>', "only this partner (clients: each client's part under it)")
  .option(
    '--as-of <time>',
    'the books as they stood at this instant (ISO-8601): only events recorded at or before it',
  )
  .option('--format <json|csv>', 'json (default) or csv', 'json')
  .option('--data-dir <dir>', 'data folder of the embedded store (default DATA_DIR or ./data)')
  .action(
    async (
      report: string,
      options: Parameters<typeof import('./commands/reconcile.js').reconcile>[1],
    ) => (await import('./commands/reconcile.js')).reconcile(report, options),
  );

program
  .command('payouts')
  .description('payout runs')
  .command('preview')
  .description(
    'what a payout run would pay now (or --at), on the configured store; pays nothing (as POST /v1/payout-runs?dryRun=true)',
  )
  .option('--at <time>', 'the run instant (ISO-8601, default now)')
  .option('--min-amount <usd>', 'the run minimum in USD (default 0.01)')
  .option('--run-id <id>', 'the run id (default the canonical UTC form of --at)')
  .option('--format <json|table>', 'the preview as JSON (default) or a table', 'json')
  .option('--data-dir <dir>', 'data folder of the embedded store (default DATA_DIR or ./data)')
  .action(
    async (options: Parameters<typeof import('./commands/payouts-preview.js').payoutsPreview>[0]) =>
      (await import('./commands/payouts-preview.js')).payoutsPreview(options),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`rebate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
