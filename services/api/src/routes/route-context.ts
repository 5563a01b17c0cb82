import type { Command, Instant, PayoutEvent, Rejection, RunPayouts } from '@rebate/domain';
import type { Either } from 'fp-ts/Either';
import type { CommandContext, CommandOutcome, TradeBatchItem } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import type { AuditJobs } from '../audit/audit-jobs';
import type { Readiness } from '../health/readiness';
import type { PayoutBookSource } from '../queries/payout-book-source';
import type { PayableNowSource } from '../queries/payable-now-answers';

/** The command side as the API uses it (`LedgerCommands` implements it). */
export interface CommandPort {
  execute(command: Command, context: CommandContext): Promise<CommandOutcome>;
  executeTrades(items: readonly TradeBatchItem[]): Promise<CommandOutcome[]>;
  /** What a run would pay now, decided as for real and never appended (`?dryRun=true`). */
  previewPayoutRun(command: RunPayouts): Promise<Either<Rejection, PayoutEvent[]>>;
}

/** What handlers may use. */
export interface RouteContext {
  readonly commands: CommandPort;
  readonly queries: LedgerQueries;
  /** The payouts stream folded in memory, caught up on each call. */
  readonly payouts: PayoutBookSource;
  /** Payable now from the ledger's payables (hold applied); absent, the read model's figure. */
  readonly payableNow?: PayableNowSource | undefined;
  /** The time a command is received: its `at` (the domain has no clock). */
  readonly now: () => Instant;
  /** Audit jobs of this process; undefined when audits are not enabled. */
  readonly audits: AuditJobs | undefined;
  readonly health: HealthChecks;
  readonly limits: { readonly bulkMaxLines: number; readonly tradeBatchMaxItems: number };
}

export interface HealthChecks {
  ready(): Promise<Readiness>;
  metrics(): Promise<{ readonly contentType: string; readonly text: string }>;
}
