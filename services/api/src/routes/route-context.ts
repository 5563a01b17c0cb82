import type { Command, Instant } from '@rebate/domain';
import type { CommandContext, CommandOutcome, TradeBatchItem } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import type { LedgerAudit } from '../audit/ledger-audit';
import type { Readiness } from '../health/readiness';

/** The command side as the API uses it (`LedgerCommands` implements it). */
export interface CommandPort {
  execute(command: Command, context: CommandContext): Promise<CommandOutcome>;
  executeTrades(items: readonly TradeBatchItem[]): Promise<CommandOutcome[]>;
}

/** What handlers may use. */
export interface RouteContext {
  readonly commands: CommandPort;
  readonly queries: LedgerQueries;
  /** The time a command is received: its `at` (the domain has no clock). */
  readonly now: () => Instant;
  readonly audit: LedgerAudit | undefined;
  readonly health: HealthChecks;
  readonly limits: { readonly bulkMaxLines: number; readonly tradeBatchMaxItems: number };
}

export interface HealthChecks {
  ready(): Promise<Readiness>;
  metrics(): Promise<{ readonly contentType: string; readonly text: string }>;
}
