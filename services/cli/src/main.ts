#!/usr/bin/env node
import { Command } from 'commander';
import { simulate } from './commands/simulate';

const program = new Command()
  .name('rebate')
  .description('The rebate ledger: event-sourced rebates for introducing-broker partners')
  .showHelpAfterError();

program
  .command('simulate')
  .description('apply a scenario file (NDJSON lines of the rules) and print the balances as JSON')
  .argument('<file>', 'scenario file, one JSON object per line')
  .option('--data-dir <dir>', 'keep the embedded store in this folder instead of in memory')
  .action(simulate);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`rebate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
