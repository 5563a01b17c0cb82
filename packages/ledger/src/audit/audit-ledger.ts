import type { EventStore, RecordedEvent } from '@rebate/event-store';
import {
  type AgreementBook,
  type AgreementEvent,
  type Big,
  type LedgerEvent,
  type PayoutBook,
  type PayoutRequested,
  type PayoutRunRecorded,
  type RebateAccrued,
  type TradeEvent,
  accrualAmounts,
  accrue,
  balanceProblems,
  decidePayoutRun,
  emptyBook,
  emptyPayoutBook,
  evolveBook,
  evolvePayouts,
  factsOf,
  formatDecimal,
  overrideAmounts,
  payoutWindowAt,
  postingsOf,
  qualificationOf,
  roundDownToCents,
} from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { LedgerTotals } from '../projections/ledger-totals';
import { fromRecorded } from '../store/event-codec';
import { PAYOUTS_STREAM } from '../store/streams';

/** One place where the recorded ledger and the rules disagree. */
export interface Discrepancy {
  readonly position: string;
  readonly streamId: string;
  readonly field: string;
  readonly recorded: string;
  readonly expected: string;
}

/**
 * What finance asks about: one partner (its own events, its clients' trades and payouts, and
 * the trades whose override chain it is in), and/or a range of trade close dates (UTC days,
 * inclusive; other events by their `at`). Everything is still replayed, in full, from the first
 * event: only the discrepancies reported are scoped.
 */
export interface AuditScope {
  readonly partnerId?: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

/** The events of the agreements stream: the ones the book folds. */
const NOT_TERMS = new Set<LedgerEvent['type']>([
  'RebateAccrued',
  'TradeUnattributed',
  'RebateReversed',
  'UnattributedTradeCancelled',
  'PayoutRunRecorded',
  'PayoutRequested',
  'PayoutCompleted',
  'PayoutFailed',
]);
const isTermsEvent = (event: LedgerEvent): event is AgreementEvent => !NOT_TERMS.has(event.type);

const partnersOf = (event: LedgerEvent): string[] => {
  switch (event.type) {
    case 'RebateAccrued':
    case 'RebateReversed':
      return [event.partnerId, ...event.overrides.map((level) => level.partnerId)];
    case 'PayoutRequested':
    case 'PayoutCompleted':
    case 'PayoutFailed':
      return event.allocations.map((allocation) => allocation.partnerId);
    case 'OverrideRateSet':
      return event.childId === null ? [event.partnerId] : [event.partnerId, event.childId];
    case 'ClientAttached':
      return [event.partnerId, ...(event.previousPartnerId ? [event.previousPartnerId] : [])];
    case 'PartnerRegistered':
    case 'RemunerationSet':
    case 'RebateRateSet':
    case 'RebatesSuspended':
    case 'RebatesResumed':
    case 'RebatesCancelled':
    case 'QualificationSet':
      return event.partnerId === null ? [] : [event.partnerId];
    default:
      return [];
  }
};

/** The UTC day a scope's dates are about: a trade's close, anything else its own time. */
const dayOf = (event: LedgerEvent): string | undefined =>
  ('closedAt' in event ? event.closedAt : 'at' in event ? event.at : undefined)?.slice(0, 10);

export const inAuditScope = (scope: AuditScope, event: LedgerEvent): boolean => {
  if (scope.partnerId !== undefined && !partnersOf(event).includes(scope.partnerId)) return false;
  const day = dayOf(event);
  if (day === undefined) return scope.from === undefined && scope.to === undefined;
  return (
    (scope.from === undefined || day >= scope.from) && (scope.to === undefined || day <= scope.to)
  );
};

export interface AuditResult {
  readonly events: number;
  /** Events the scope covers (all of them without a scope). */
  readonly eventsInScope: number;
  readonly accrualsChecked: number;
  readonly reversalsChecked: number;
  readonly payoutsChecked: number;
  readonly discrepancies: readonly Discrepancy[];
  /** The balances the replay folds, for comparison with the read models. */
  readonly totals: LedgerTotals;
}

const ACCRUAL_FIELDS = [
  'type',
  'partnerId',
  'usdPerLot',
  'remunerationSource',
  'remuneration',
  'percent',
  'rateRule',
  'rebate',
  'net',
  'qualification',
  'overrides',
] as const;

const isBig = (value: unknown): value is Big =>
  typeof value === 'object' && value !== null && 'c' in value && 'e' in value;

/** Exact text of a recorded or expected value: decimals by value, structures field by field. */
const text = (value: unknown): string => {
  if (isBig(value)) return formatDecimal(value);
  if (Array.isArray(value)) return `[${value.map(text).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // stores may keep keys in any order
      .map(([key, field]) => `${key}: ${text(field)}`)
      .join(', ')}}`;
  return String(value);
};

/**
 * Replays every event in global order and re-derives each fact from the rules: each accrual is
 * decided again against the agreements as they stood at its position (qualification, schedule,
 * rate and override chain), each reversal must negate its accrual exactly, each payout run is
 * decided again from the balances the replay itself folds (never from a figure a payout records
 * about itself), each result must follow a requested payout. The arithmetic identities are
 * checked on the event itself, so a tampered amount shows even where the terms agree.
 */
export const auditLedger = async (
  store: EventStore,
  options: {
    readonly upTo?: bigint;
    readonly scope?: AuditScope;
    /** Called every few thousand events, for a terminal's progress line. */
    readonly onProgress?: (events: number) => void;
    /**
     * Every this many events, give the event loop a turn (`setImmediate`): a server runs the
     * audit beside its requests, and an embedded store's reads never yield on their own.
     */
    readonly yieldEvery?: number;
    /** Stops the replay (it throws the signal's reason) at the next turn it yields. */
    readonly signal?: AbortSignal;
    /**
     * Most events read ahead of the balances fold (default 10,000): a run is decided from the
     * balances at its `balancesAt`, and these cover a run's read-to-append gap without a second
     * read. A run whose gap was longer makes the audit fold the store again up to its position.
     */
    readonly readAhead?: number;
  } = {},
): Promise<AuditResult> => {
  let book: AgreementBook = emptyBook;
  let payoutBook: PayoutBook = emptyPayoutBook;
  /** The payouts the run being replayed must make, in order. */
  let expectedPayouts: PayoutRequested[] = [];
  const accruals = new Map<string, RebateAccrued>();
  const discrepancies: Discrepancy[] = [];
  const totals = new LedgerTotals();
  const counts = {
    events: 0,
    eventsInScope: 0,
    accrualsChecked: 0,
    reversalsChecked: 0,
    payoutsChecked: 0,
  };
  const scope = options.scope ?? {};
  /** Whether the event being checked is one the scope reports on. */
  let reporting = true;

  const report = (recorded: RecordedEvent, field: string, actual: unknown, expected: unknown) => {
    if (!reporting || text(actual) === text(expected)) return;
    discrepancies.push({
      position: recorded.position.toString(),
      streamId: recorded.streamId,
      field,
      recorded: text(actual),
      expected: text(expected),
    });
  };

  const checkIdentities = (recorded: RecordedEvent, event: RebateAccrued): void => {
    const heldQualification = qualificationOf(
      event.qualification.minHoldSeconds,
      event.openedAt,
      event.closedAt,
    );
    report(recorded, 'qualified = held >= minimum', event.qualification, heldQualification);
    const amounts = accrualAmounts({
      lots: event.lots,
      usdPerLot: event.usdPerLot,
      percent: event.percent,
      qualified: event.qualification.qualified,
    });
    report(recorded, 'remuneration = lots x usdPerLot', event.remuneration, amounts.remuneration);
    report(recorded, 'rebate = remuneration x percent / 100', event.rebate, amounts.rebate);
    report(recorded, 'net = remuneration - rebate', event.net, amounts.net);
    report(
      recorded,
      'override = share below x percent / 100',
      event.overrides,
      overrideAmounts(event.net, event.overrides),
    );
  };

  const checkPayout = (recorded: RecordedEvent, event: PayoutRequested): void => {
    counts.payoutsChecked += 1;
    const expected = expectedPayouts.shift();
    if (expected) {
      for (const field of ['payoutId', 'clientId', 'amount', 'allocations'] as const)
        report(recorded, field, event[field], expected[field]);
      return;
    }
    // A version-1 payout has no run before it: it paid the client's whole folded balance.
    if (event.runId === event.at && !payoutBook.runs.has(event.runId)) {
      report(
        recorded,
        'amount = balance rounded down to cents',
        event.amount,
        roundDownToCents(totals.balanceOf(event.clientId)),
      );
      return;
    }
    report(recorded, 'payout', 'a payout its run did not make', 'no payout');
  };

  const endRun = (recorded: RecordedEvent | undefined): void => {
    const missing = expectedPayouts.filter((payout) => inAuditScope(scope, payout));
    expectedPayouts = [];
    for (const payout of missing) {
      discrepancies.push({
        position: recorded?.position.toString() ?? 'end',
        streamId: recorded?.streamId ?? 'payouts',
        field: `payout ${payout.payoutId}`,
        recorded: 'missing',
        expected: formatDecimal(payout.amount),
      });
    }
  };

  const check = (recorded: RecordedEvent, event: LedgerEvent): void => {
    if (event.type !== 'PayoutRequested') endRun(recorded);
    switch (event.type) {
      case 'RebateAccrued':
      case 'TradeUnattributed': {
        counts.accrualsChecked += 1;
        const expected = accrue(book, factsOf(event)) as TradeEvent & Record<string, unknown>;
        const actual = event as TradeEvent & Record<string, unknown>;
        for (const field of ACCRUAL_FIELDS) {
          if (field === 'type' || event.type === 'RebateAccrued')
            report(recorded, field, actual[field], expected[field]);
        }
        if (event.type === 'RebateAccrued') {
          accruals.set(event.tradeId, event);
          checkIdentities(recorded, event);
        }
        return;
      }
      case 'RebateReversed': {
        counts.reversalsChecked += 1;
        const accrual = accruals.get(event.tradeId);
        if (!accrual) {
          report(recorded, 'reversal of', 'a trade with no accrual before it', 'an accrued trade');
          return;
        }
        for (const field of [
          'clientId',
          'partnerId',
          'lots',
          'remuneration',
          'rebate',
          'net',
          'overrides',
        ] as const)
          report(recorded, field, event[field], accrual[field]);
        report(recorded, 'qualified', event.qualified, accrual.qualification.qualified);
        return;
      }
      case 'PayoutRunRecorded': {
        // Decided on the terms and balances at the run's `balancesAt` (see `runState`).
        const at = runState ?? { book, totals };
        const decision = decidePayoutRun(
          { type: 'run-payouts', at: event.at, minimumUsd: event.minimumUsd, runId: event.runId },
          {
            book: at.book,
            payouts: payoutBook,
            payables: at.totals.payables(payoutWindowAt(at.book, event.at)),
            balancesAt: event.balancesAt,
          },
        );
        if (isLeft(decision) || decision.right.length === 0) {
          report(recorded, 'run', 'a run', isLeft(decision) ? decision.left.reason : 'a duplicate');
        } else {
          const [run, ...payouts] = decision.right;
          for (const field of ['holdDays', 'cutoff', 'payouts', 'total'] as const)
            report(recorded, field, event[field], (run as typeof event)[field]);
          expectedPayouts = payouts as PayoutRequested[];
        }
        payoutBook = evolvePayouts(payoutBook, event);
        return;
      }
      case 'PayoutRequested':
        checkPayout(recorded, event);
        payoutBook = evolvePayouts(payoutBook, event);
        return;
      case 'PayoutCompleted':
      case 'PayoutFailed': {
        const payout = payoutBook.payouts.get(event.payoutId);
        report(recorded, 'status before the result', payout?.status ?? 'unknown', 'requested');
        if (payout) {
          report(recorded, 'amount', event.amount, payout.amount);
          report(recorded, 'allocations', event.allocations, payout.allocations);
        }
        payoutBook = evolvePayouts(payoutBook, event);
        return;
      }
      case 'UnattributedTradeCancelled':
        return;
      default:
        book = evolveBook(book, event);
    }
  };

  /**
   * Events read but not folded into `totals` yet, each with the book after it: a run's
   * balances are those at its `balancesAt`, which may lie a few events before the run (trades
   * appended between the run's read and its append). Payouts-stream events fold everything.
   */
  const readAhead = Math.max(1, options.readAhead ?? 10_000);
  const pending: { recorded: RecordedEvent; event: LedgerEvent; book: AgreementBook }[] = [];
  let pendingStart = 0;
  /** The book as of `totals.checkpoint`. */
  let bookAtTotals: AgreementBook = emptyBook;
  /** Position of the last payouts-stream event read. */
  let lastPayoutsEvent: bigint | undefined;
  /** The terms and balances the run being checked is decided on. */
  let runState: { book: AgreementBook; totals: LedgerTotals } | undefined;

  const foldOne = (): void => {
    const next = pending[pendingStart] as (typeof pending)[number];
    pending[pendingStart] = undefined as never; // let it go
    pendingStart += 1;
    totals.apply(next.event);
    totals.checkpoint = next.recorded.position;
    bookAtTotals = next.book;
  };
  const foldUpTo = (position: bigint | undefined): void => {
    while (
      pendingStart < pending.length &&
      (position === undefined ||
        (pending[pendingStart] as (typeof pending)[number]).recorded.position <= position)
    )
      foldOne();
    if (pendingStart === pending.length) {
      pending.length = 0;
      pendingStart = 0;
    } else if (pendingStart >= readAhead) {
      pending.splice(0, pendingStart);
      pendingStart = 0;
    }
  };

  /** The terms and balances folded from the first event up to `position`, read again. */
  const foldedAgain = async (
    position: bigint,
  ): Promise<{ book: AgreementBook; totals: LedgerTotals }> => {
    const again = new LedgerTotals();
    let againBook: AgreementBook = emptyBook;
    for await (const recorded of store.readAll()) {
      if (recorded.position > position) break;
      const event = fromRecorded(recorded);
      again.apply(event);
      again.checkpoint = recorded.position;
      if (isTermsEvent(event)) againBook = evolveBook(againBook, event);
    }
    return { book: againBook, totals: again };
  };

  /** Where a run was decided: its `balancesAt`, if it is one the run can have read at. */
  const stateOfRun = async (
    recorded: RecordedEvent,
    event: PayoutRunRecorded,
  ): Promise<{ book: AgreementBook; totals: LedgerTotals }> => {
    const claimed = event.balancesAt === null ? undefined : BigInt(event.balancesAt);
    // A run reads the payouts stream before its balances and appends with the revision read:
    // no payouts event can lie between its position and the run, nor can it be the run's own.
    const possible =
      claimed === undefined ||
      (claimed < recorded.position &&
        (lastPayoutsEvent === undefined || claimed >= lastPayoutsEvent));
    if (!possible && reporting) {
      discrepancies.push({
        position: recorded.position.toString(),
        streamId: recorded.streamId,
        field: 'balancesAt',
        recorded: String(event.balancesAt),
        expected: `after the payouts event at ${lastPayoutsEvent?.toString() ?? 'none'} and before the run`,
      });
    }
    if (claimed === undefined || !possible) {
      foldUpTo(undefined);
      return { book, totals };
    }
    if (totals.checkpoint !== undefined && claimed < totals.checkpoint) {
      return foldedAgain(claimed);
    }
    foldUpTo(claimed);
    return { book: bookAtTotals, totals };
  };

  for await (const recorded of store.readAll()) {
    if (options.upTo !== undefined && recorded.position > options.upTo) break;
    counts.events += 1;
    if (counts.events % 10_000 === 0) options.onProgress?.(counts.events);
    if (options.yieldEvery !== undefined && counts.events % options.yieldEvery === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
    }
    const event = fromRecorded(recorded);
    reporting = inAuditScope(scope, event);
    if (reporting) counts.eventsInScope += 1;
    const isPayouts = recorded.streamId === PAYOUTS_STREAM;
    runState = event.type === 'PayoutRunRecorded' ? await stateOfRun(recorded, event) : undefined;
    // Results and version-1 payouts are judged on everything before them (a run on what
    // `stateOfRun` folded; the rest is folded after it).
    if (isPayouts && event.type !== 'PayoutRunRecorded') foldUpTo(undefined);
    check(recorded, event);
    for (const problem of balanceProblems(postingsOf(event)))
      report(recorded, 'postings balance', problem, 'balanced');
    pending.push({ recorded, event, book });
    if (isPayouts) {
      lastPayoutsEvent = recorded.position;
      foldUpTo(undefined);
    } else if (pending.length - pendingStart > readAhead) {
      foldOne();
      foldUpTo(totals.checkpoint);
    }
  }
  foldUpTo(undefined);
  endRun(undefined);
  return { ...counts, discrepancies, totals };
};
