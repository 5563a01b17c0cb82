import type { EventStore } from '@rebate/event-store';
import { auditLedger } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import { fail } from '../http/problem-catalog';
import type { AuditReport, AuditScope } from './audit-report';
import { compareTotals } from './compare-totals';

/**
 * Replays the event store with the ledger's own audit (every accrual, reversal and payout
 * re-derived from the rules at its position) and compares its totals with the read models.
 */
export interface LedgerAuditOptions {
  readonly scope?: AuditScope;
  /** Events replayed so far, every few thousand (a job's progress). */
  readonly onProgress?: (events: number) => void;
  /** Called when the replay is done and the read models are being compared. */
  readonly onComparing?: () => void;
  /** Stops the replay (the server is closing). */
  readonly signal?: AbortSignal;
}

export interface LedgerAudit {
  run(options?: LedgerAuditOptions): Promise<AuditReport>;
}

/** A server runs the audit beside its requests: it yields to them this often. */
const YIELD_EVERY = 500;

const ATTEMPTS = 3;

export const createLedgerAudit = (
  store: EventStore,
  queries: LedgerQueries,
  catchUpMs: number,
): LedgerAudit => ({
  async run(options = {}) {
    const scope = options.scope ?? {};
    // Compare at one store position; writes arriving meanwhile make us try again.
    for (let attempt = 1; ; attempt += 1) {
      const head = await store.headPosition();
      const audit = await auditLedger(store, {
        ...(head === undefined ? {} : { upTo: head }),
        scope,
        yieldEvery: YIELD_EVERY,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      options.onComparing?.();
      if (head !== undefined && !(await queries.waitForPosition(head, catchUpMs))) {
        fail(
          'projections-behind',
          `the read models did not reach position ${head} in ${catchUpMs} ms`,
        );
      }
      const [partners, clients] = await Promise.all([
        queries.listPartners(),
        queries.listClients({}),
      ]);
      const moved = (await store.headPosition()) !== head;
      if (moved && attempt < ATTEMPTS) continue;
      const differences = compareTotals(audit.totals, partners, clients);
      return {
        scope,
        position: head === undefined ? null : head.toString(),
        consistent: differences.length === 0 && audit.discrepancies.length === 0,
        partners: partners.length,
        clients: clients.length,
        concurrentWrites: moved,
        differences,
        events: audit.events,
        accrualsChecked: audit.accrualsChecked,
        reversalsChecked: audit.reversalsChecked,
        payoutsChecked: audit.payoutsChecked,
        ruleDiscrepancies: [...audit.discrepancies],
      };
    }
  },
});
