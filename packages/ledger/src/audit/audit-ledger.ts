import type { EventStore, RecordedEvent } from '@rebate/event-store';
import {
  type AgreementBook,
  type Big,
  type LedgerEvent,
  type RebateAccrued,
  type TradeEvent,
  accrualIdentityViolations,
  accrue,
  balanceProblems,
  emptyBook,
  evolveBook,
  factsOf,
  formatDecimal,
  postingsOf,
  roundDownToCents,
} from '@rebate/domain';
import { LedgerTotals } from '../projections/ledger-totals';
import { fromRecorded } from '../store/event-codec';

/** One place where the recorded ledger and the rules disagree. */
export interface Discrepancy {
  readonly position: string;
  readonly streamId: string;
  readonly field: string;
  readonly recorded: string;
  readonly expected: string;
}

export interface AuditResult {
  readonly events: number;
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
] as const;

const text = (value: unknown): string =>
  typeof value === 'object' && value !== null && 'c' in value
    ? formatDecimal(value as Big)
    : String(value);

/**
 * Replays every event in global order and re-derives each fact from the rules: each accrual is
 * decided again against the agreements as they stood at its position, each reversal must
 * negate its accrual exactly, each payout must be its balance rounded down to cents. The
 * arithmetic identities are checked on the event itself, so a tampered amount shows even where
 * the terms agree.
 */
export const auditLedger = async (
  store: EventStore,
  options: { readonly upTo?: bigint } = {},
): Promise<AuditResult> => {
  let book: AgreementBook = emptyBook;
  const accruals = new Map<string, RebateAccrued>();
  const discrepancies: Discrepancy[] = [];
  const totals = new LedgerTotals();
  const counts = { events: 0, accrualsChecked: 0, reversalsChecked: 0, payoutsChecked: 0 };

  const report = (recorded: RecordedEvent, field: string, actual: unknown, expected: unknown) => {
    if (text(actual) === text(expected)) return;
    discrepancies.push({
      position: recorded.position.toString(),
      streamId: recorded.streamId,
      field,
      recorded: text(actual),
      expected: text(expected),
    });
  };

  const check = (recorded: RecordedEvent, event: LedgerEvent): void => {
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
          for (const violation of accrualIdentityViolations(event))
            report(recorded, violation.identity, violation.recorded, violation.expected);
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
        ] as const)
          report(recorded, field, event[field], accrual[field]);
        return;
      }
      case 'PayoutRequested':
        counts.payoutsChecked += 1;
        report(
          recorded,
          'amount = balance rounded down to cents',
          event.amount,
          roundDownToCents(event.balanceBefore),
        );
        return;
      case 'UnattributedTradeCancelled':
        return;
      default:
        book = evolveBook(book, event);
    }
  };

  for await (const recorded of store.readAll()) {
    if (options.upTo !== undefined && recorded.position > options.upTo) break;
    counts.events += 1;
    const event = fromRecorded(recorded);
    check(recorded, event);
    for (const problem of balanceProblems(postingsOf(event)))
      report(recorded, 'postings balance', problem, 'balanced');
    totals.applyRecorded(recorded);
  }
  return { ...counts, discrepancies, totals };
};
