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
import type { PayoutPosition } from './payout-cursor';

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

export const PayoutList = t.type(
  {
    items: t.array(PayoutView),
    /** Pass back as `cursor` for the next page; null on the last page. */
    nextCursor: t.union([t.string, t.null]),
    /** How many payouts match the query in all (every page), as the caller may see them. */
    total: t.number,
  },
  'PayoutList',
);
export type PayoutList = t.TypeOf<typeof PayoutList>;

export const PayoutOrder = t.keyof({ oldest: null, newest: null }, 'PayoutOrder');
export type PayoutOrder = t.TypeOf<typeof PayoutOrder>;

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

/** Code point order: the same on every machine, whatever its locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest run first, then by payout id: the order a finance team reconciles in. */
const byRunThenId = (a: PayoutPosition, b: PayoutPosition): number =>
  compareText(a.at, b.at) || compareText(a.payoutId, b.payoutId);

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

export interface PayoutPageRequest {
  readonly limit: number;
  readonly order: PayoutOrder;
  /** The last payout of the previous page, from its cursor. */
  readonly after?: PayoutPosition | undefined;
}

/**
 * One page of `listPayouts`: the payouts after `after` in the order asked, one more looked at
 * to tell whether another page follows. The whole list is filtered for the caller first, so a
 * position only ever selects among what the caller may see.
 */
export const pagePayouts = (
  book: PayoutBook,
  filter: PayoutFilter,
  principal: Principal | undefined,
  page: PayoutPageRequest,
): { items: PayoutView[]; last: PayoutPosition | undefined; more: boolean; total: number } => {
  const all = listPayouts(book, filter, principal);
  const ordered = page.order === 'newest' ? all.reverse() : all;
  const sign = page.order === 'newest' ? -1 : 1;
  const after = page.after;
  const rest =
    after === undefined ? ordered : ordered.filter((p) => sign * byRunThenId(p, after) > 0);
  const items = rest.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    last: last && { at: last.at, payoutId: last.payoutId },
    more: rest.length > page.limit,
    total: all.length,
  };
};

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
