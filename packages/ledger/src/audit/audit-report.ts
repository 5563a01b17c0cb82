import type { ChainAnchor, EventStore } from '@rebate/event-store';
import { type SimulationReport, buildReport } from '../simulate/report';
import { type AuditScope, type Discrepancy, auditLedger } from './audit-ledger';
import { type ChainCheck, checkLedgerChain } from './chain-check';

/**
 * The whole audit as `rebate audit --format json` prints it and `POST /v1/audits` reports it:
 * the chain verified in full from the first event, then the rules replay (scoped), then the
 * balances the replay folds in the `rebate simulate` format.
 */

type Balances = Pick<SimulationReport, 'partners' | 'clients' | 'payouts' | 'unattributed'>;

export type LedgerAuditReport =
  | ({
      readonly verified: boolean;
      readonly scope: AuditScope;
      readonly chain: ChainCheck;
      readonly events: number;
      readonly eventsInScope: number;
      readonly accrualsChecked: number;
      readonly reversalsChecked: number;
      readonly payoutsChecked: number;
      readonly discrepancies: readonly Discrepancy[];
    } & Balances)
  /** The chain broke where an event can no longer be read: the replay could not finish. */
  | { readonly verified: false; readonly chain: ChainCheck; readonly replay: string };

export interface AuditRunOptions {
  readonly scope?: AuditScope;
  readonly anchors?: readonly ChainAnchor[];
  /** Events whose chain hash was verified so far. */
  readonly onChainProgress?: (events: number) => void;
  /** Events replayed so far (after the chain). */
  readonly onReplayProgress?: (events: number) => void;
  /** Called once the chain is verified, before the replay. */
  readonly onChainChecked?: (chain: ChainCheck) => void;
}

export const runLedgerAudit = async (
  store: EventStore,
  options: AuditRunOptions = {},
): Promise<LedgerAuditReport> => {
  const scope = options.scope ?? {};
  const chain = await checkLedgerChain(store, {
    anchors: options.anchors ?? [],
    ...(options.onChainProgress === undefined ? {} : { onProgress: options.onChainProgress }),
  });
  options.onChainChecked?.(chain);
  const result = await auditLedger(store, {
    scope,
    ...(options.onReplayProgress === undefined ? {} : { onProgress: options.onReplayProgress }),
  }).catch((error: unknown) => {
    // A broken chain may have left an event the replay cannot read; the chain says where.
    if (chain.verified || !(error instanceof Error) || error.name !== 'EventDecodingError') {
      throw error;
    }
    return error;
  });
  if (result instanceof Error) {
    return { verified: false, chain, replay: `not completed: ${result.message}` };
  }
  const { partners, clients, payouts, unattributed } = buildReport(result.totals, {
    rejected: [],
    duplicates: 0,
  });
  return {
    verified: chain.verified && result.discrepancies.length === 0,
    scope,
    chain,
    events: result.events,
    eventsInScope: result.eventsInScope,
    accrualsChecked: result.accrualsChecked,
    reversalsChecked: result.reversalsChecked,
    payoutsChecked: result.payoutsChecked,
    discrepancies: result.discrepancies,
    partners,
    clients,
    payouts,
    unattributed,
  };
};
