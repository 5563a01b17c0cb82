import * as t from 'io-ts';
import {
  type PayoutBook,
  type PayoutEvent,
  type PayoutRecord,
  type PayoutRequested,
  type PayoutRunRecorded,
  ZERO,
  formatDecimal,
} from '@rebate/domain';
import type { Principal } from '../auth/principal';

/** Payouts and runs as the API answers them: decimal strings, ISO instants. */

const Decimal = t.string;
const NullableText = t.union([t.string, t.null]);

export const PayoutStatusText = t.keyof(
  { requested: null, completed: null, failed: null },
  'PayoutStatus',
);

export const PayoutView = t.type(
  {
    payoutId: t.string,
    runId: t.string,
    clientId: t.string,
    /** The partner the client was attached to at the run's time, if any. */
    partnerId: NullableText,
    /** For a partner token: only its own allocation's amount. */
    amount: Decimal,
    allocations: t.array(t.type({ partnerId: t.string, amount: Decimal })),
    status: PayoutStatusText,
    at: t.string,
  },
  'Payout',
);
export type PayoutView = t.TypeOf<typeof PayoutView>;

export const PayoutList = t.type({ items: t.array(PayoutView) }, 'PayoutList');

export const PayoutRunView = t.type(
  {
    runId: t.string,
    at: t.string,
    minimumUsd: Decimal,
    holdDays: t.number,
    cutoff: NullableText,
    total: Decimal,
    payouts: t.array(PayoutView),
  },
  'PayoutRun',
);

export const PayoutPreview = t.type(
  {
    runId: t.string,
    at: t.string,
    holdDays: t.number,
    cutoff: NullableText,
    payouts: t.array(
      t.type({ payoutId: t.string, clientId: t.string, partnerId: NullableText, amount: Decimal }),
    ),
    total: Decimal,
  },
  'PayoutPreview',
);
export type PayoutPreview = t.TypeOf<typeof PayoutPreview>;

/** A partner sees a payout only through its own allocation; staff see it whole. */
export const payoutViewFor = (
  record: PayoutRecord,
  principal: Principal | undefined,
): PayoutView | undefined => {
  const base = {
    payoutId: record.payoutId,
    runId: record.runId,
    clientId: record.clientId,
    partnerId: record.partnerId,
    status: record.status,
    at: record.at,
  };
  if (principal?.role === 'partner') {
    const own = record.allocations.filter((a) => a.partnerId === principal.partnerId);
    if (own.length === 0) return undefined;
    const amount = own.reduce((sum, a) => sum.plus(a.amount), ZERO);
    return {
      ...base,
      amount: formatDecimal(amount),
      allocations: own.map((a) => ({ partnerId: a.partnerId, amount: formatDecimal(a.amount) })),
    };
  }
  return {
    ...base,
    amount: formatDecimal(record.amount),
    allocations: record.allocations.map((a) => ({
      partnerId: a.partnerId,
      amount: formatDecimal(a.amount),
    })),
  };
};

export interface PayoutFilter {
  readonly status?: PayoutRecord['status'] | undefined;
  readonly clientId?: string | undefined;
  readonly partnerId?: string | undefined;
  readonly runId?: string | undefined;
}

/** Oldest run first, then by payout id: the order a finance team reconciles in. */
const byRunThenId = (a: PayoutRecord, b: PayoutRecord): number =>
  a.at === b.at ? a.payoutId.localeCompare(b.payoutId) : a.at < b.at ? -1 : 1;

/** `partnerId` matches the payout's partner or any partner it has an allocation to. */
export const listPayouts = (
  book: PayoutBook,
  filter: PayoutFilter,
  principal: Principal | undefined,
): PayoutView[] =>
  [...book.payouts.values()]
    .filter(
      (p) =>
        (filter.status === undefined || p.status === filter.status) &&
        (filter.clientId === undefined || p.clientId === filter.clientId) &&
        (filter.runId === undefined || p.runId === filter.runId) &&
        (filter.partnerId === undefined ||
          p.partnerId === filter.partnerId ||
          p.allocations.some((a) => a.partnerId === filter.partnerId)),
    )
    .sort(byRunThenId)
    .flatMap((p) => payoutViewFor(p, principal) ?? []);

/** A run's decided events as the dry-run answer. */
export const previewOf = (events: readonly PayoutEvent[]): PayoutPreview | undefined => {
  const run = events.find((e): e is PayoutRunRecorded => e.type === 'PayoutRunRecorded');
  if (run === undefined) return undefined;
  return {
    runId: run.runId,
    at: run.at,
    holdDays: run.holdDays,
    cutoff: run.cutoff,
    payouts: events
      .filter((e): e is PayoutRequested => e.type === 'PayoutRequested')
      .map((p) => ({
        payoutId: p.payoutId,
        clientId: p.clientId,
        partnerId: p.partnerId,
        amount: formatDecimal(p.amount),
      })),
    total: formatDecimal(run.total),
  };
};
