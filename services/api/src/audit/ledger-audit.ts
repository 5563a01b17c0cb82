import type { EventChain, EventStore } from '@rebate/event-store';
import { type ChainCheck, auditLedger, checkLedgerChain } from '@rebate/ledger';
import type { LedgerQueries } from '@rebate/read-models';
import { fail } from '../http/problem-catalog';
import type { AuditReport, AuditScope } from './audit-report';
import { compareTotals } from './compare-totals';

/**
 * The audit `rebate audit` runs, as a job: first the tamper-evident chain verified in full from
 * the first event (whatever the scope: it narrows only the rule discrepancies), then the event
 * store replayed with the ledger's own audit (every accrual, reversal and payout re-derived from
 * the rules at its position), then its totals compared with the read models. A broken chain is a
 * finding, not a failure: the report says where (`chain.firstBad`) and is not consistent.
 */
export interface LedgerAuditOptions {
  readonly scope?: AuditScope;
  /** Events whose chain hash was verified so far, every few hundred. */
  readonly onVerifying?: (eventsVerified: number) => void;
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

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The store's chain read with a turn for the event loop every `YIELD_EVERY` links (an embedded
 * store's reads never yield on their own, and the server answers requests meanwhile), stopping
 * when the server closes.
 */
const yieldingChain = (
  chain: EventChain,
  options: LedgerAuditOptions,
): Pick<EventStore, 'chain'> => ({
  chain: {
    scope: chain.scope,
    async *links(read) {
      let links = 0;
      for await (const link of chain.links(read)) {
        yield link;
        links += 1;
        if (links % YIELD_EVERY === 0) {
          await turn();
          options.signal?.throwIfAborted();
          options.onVerifying?.(links);
        }
      }
    },
    ...(chain.seals === undefined ? {} : { seals: chain.seals.bind(chain) }),
  },
});

/** As `rebate audit` verifies it: from the first event, without anchors. */
const verifyStoreChain = (store: EventStore, options: LedgerAuditOptions): Promise<ChainCheck> =>
  checkLedgerChain(
    // checkLedgerChain reads nothing of the store but its chain.
    (store.chain === undefined ? store : yieldingChain(store.chain, options)) as EventStore,
  );

export const createLedgerAudit = (
  store: EventStore,
  queries: LedgerQueries,
  catchUpMs: number,
): LedgerAudit => ({
  async run(options = {}) {
    const scope = options.scope ?? {};
    options.onVerifying?.(0);
    const chain = await verifyStoreChain(store, options);
    // Compare at one store position; writes arriving meanwhile make us try again.
    for (let attempt = 1; ; attempt += 1) {
      const head = await store.headPosition();
      const audit = await auditLedger(store, {
        ...(head === undefined ? {} : { upTo: head }),
        scope,
        yieldEvery: YIELD_EVERY,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      }).catch((error: unknown) => {
        // A broken chain may have left an event the replay cannot read; the chain says where.
        if (chain.verified || !(error instanceof Error) || error.name !== 'EventDecodingError') {
          throw error;
        }
        return error;
      });
      if (audit instanceof Error) return unfinished(scope, head, chain, audit);
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
        consistent: chain.verified && differences.length === 0 && audit.discrepancies.length === 0,
        chain,
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

/** The chain broke where an event can no longer be read: the replay could not finish. */
const unfinished = (
  scope: AuditScope,
  head: bigint | undefined,
  chain: ChainCheck,
  error: Error,
): AuditReport => ({
  scope,
  position: head === undefined ? null : head.toString(),
  consistent: false,
  chain,
  replay: `not completed: ${error.message}`,
  partners: 0,
  clients: 0,
  concurrentWrites: false,
  differences: [],
  events: 0,
  accrualsChecked: 0,
  reversalsChecked: 0,
  payoutsChecked: 0,
  ruleDiscrepancies: [],
});
