import * as t from 'io-ts';

/**
 * The reconciliation exports finance closes a month with (docs/operations.md): per partner per
 * day and per client per day, each with a totals row. Amounts are decimal strings (sums taken
 * with big.js), trade counts whole numbers, days UTC trade-close days as the statements use.
 * `rebate reconcile` and `GET /v1/reconciliation/*` answer these documents.
 */

const Decimal = t.string; // a decimal string: "1500", "0.7", "-225"
const Day = t.string; // "2026-09-01", the UTC calendar day

/** What was asked: the days `from` to `to` inclusive, and one partner or (null) every one. */
const Scope = {
  from: Day,
  to: Day,
  partnerId: t.union([t.string, t.null]),
};

/** The figures of a partner's statement day (`PartnerDay`), and their sums. */
const partnerFigures = {
  trades: t.number,
  lots: Decimal,
  remuneration: Decimal,
  rebates: Decimal,
  /** Overrides passed up to the parent, net of reversals. */
  overridesPaid: Decimal,
  /** Overrides received from direct sub-partners, net of reversals. */
  overridesReceived: Decimal,
  /** remuneration - rebates - overridesPaid + overridesReceived: what partner:P kept. */
  net: Decimal,
};

export const PartnerReconciliationRow = t.type(
  { day: Day, partnerId: t.string, ...partnerFigures },
  'PartnerReconciliationRow',
);
export type PartnerReconciliationRow = t.TypeOf<typeof PartnerReconciliationRow>;

export const PartnerReconciliationTotals = t.type(partnerFigures, 'PartnerReconciliationTotals');
export type PartnerReconciliationTotals = t.TypeOf<typeof PartnerReconciliationTotals>;

/** One row per partner and day with activity (partner, then day), and their sums. */
export const PartnerReconciliation = t.type(
  {
    report: t.literal('partners'),
    ...Scope,
    rows: t.array(PartnerReconciliationRow),
    totals: PartnerReconciliationTotals,
  },
  'PartnerReconciliation',
);
export type PartnerReconciliation = t.TypeOf<typeof PartnerReconciliation>;

const clientFlows = {
  /** Rebates earned on the day (trades by close day), net of reversals. */
  rebates: Decimal,
  /** Payouts requested by a run that day. */
  payoutsRequested: Decimal,
  /** Payouts the payout service reported completed that day. */
  payoutsCompleted: Decimal,
  /** Payouts reported failed that day (their amount is back in the balance). */
  payoutsFailed: Decimal,
};

export const ClientReconciliationRow = t.type(
  {
    day: Day,
    clientId: t.string,
    ...clientFlows,
    /** The client's balance at the end of the day: rebates - requested + failed, to date. */
    balance: Decimal,
  },
  'ClientReconciliationRow',
);
export type ClientReconciliationRow = t.TypeOf<typeof ClientReconciliationRow>;

export const ClientReconciliationTotals = t.type(
  {
    ...clientFlows,
    /** Every client's balance at the start of `from`, summed. */
    openingBalance: Decimal,
    /**
     * Every client's balance at the end of `to`, summed (clients with no row in the range
     * included): openingBalance + rebates - payoutsRequested + payoutsFailed.
     */
    balance: Decimal,
  },
  'ClientReconciliationTotals',
);
export type ClientReconciliationTotals = t.TypeOf<typeof ClientReconciliationTotals>;

/**
 * One row per client and day with activity (client, then day), and the totals. With a partner,
 * each client's part attributed to that partner (what it earned and was paid under it).
 */
export const ClientReconciliation = t.type(
  {
    report: t.literal('clients'),
    ...Scope,
    rows: t.array(ClientReconciliationRow),
    totals: ClientReconciliationTotals,
  },
  'ClientReconciliation',
);
export type ClientReconciliation = t.TypeOf<typeof ClientReconciliation>;

/** What a reconciliation is asked for: UTC days (YYYY-MM-DD) inclusive, optionally one partner. */
export interface ReconciliationRange {
  readonly from: string;
  readonly to: string;
  readonly partnerId?: string | undefined;
}

/** The CSV columns, in order; the last line of a CSV is the totals row (`day` = `total`). */
export const PARTNER_RECONCILIATION_COLUMNS = [
  'day',
  'partnerId',
  'trades',
  'lots',
  'remuneration',
  'rebates',
  'overridesPaid',
  'overridesReceived',
  'net',
] as const;

export const CLIENT_RECONCILIATION_COLUMNS = [
  'day',
  'clientId',
  'rebates',
  'payoutsRequested',
  'payoutsCompleted',
  'payoutsFailed',
  'balance',
] as const;

/** Without `from` or `to` a reconciliation covers every day the ledger has. */
export const FIRST_DAY = '0001-01-01';
export const LAST_DAY = '9999-12-31';

/** The range asked for, the whole ledger's days where `from` or `to` is left out. */
export const reconciliationRange = (asked: {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly partnerId?: string | undefined;
}): ReconciliationRange => ({
  from: asked.from ?? FIRST_DAY,
  to: asked.to ?? LAST_DAY,
  ...(asked.partnerId === undefined ? {} : { partnerId: asked.partnerId }),
});
