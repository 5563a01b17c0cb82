import type { EventStore } from '@rebate/event-store';
import { auditLedger } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import { fail } from '../http/problem-catalog';
import type { AuditReport } from './audit-report';
import { compareTotals } from './compare-totals';

/**
 * Replays the event store with the ledger's own audit (every accrual, reversal and payout
 * re-derived from the rules at its position) and compares its totals with the read models.
 */
export interface LedgerAudit {
  run(): Promise<AuditReport>;
}

const ATTEMPTS = 3;

export const createLedgerAudit = (
  store: EventStore,
  queries: LedgerQueries,
  catchUpMs: number,
): LedgerAudit => ({
  async run() {
    // Compare at one store position; writes arriving meanwhile make us try again.
    for (let attempt = 1; ; attempt += 1) {
      const head = await store.headPosition();
      const audit = await auditLedger(store, head === undefined ? {} : { upTo: head });
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
