import * as t from 'io-ts';
import type {
  ClientReconciliation,
  PartnerReconciliation,
  ReconciliationRange,
} from './ledger-queries/reconciliation-documents';

/**
 * What the read side answers: balances, daily statements, the accrual list and agreements, all
 * as wire-ready values (decimal strings, ISO instants). The HTTP API serves these codecs as they
 * are, and its OpenAPI document is generated from them.
 */

const Decimal = t.string; // a decimal string: "1500", "0.7", "-225"
const Day = t.string; // "2026-09-01", the UTC calendar day

export const PartnerBalance = t.type({
  partnerId: t.string,
  model: t.string,
  trades: t.number,
  lots: Decimal,
  remuneration: Decimal,
  rebates: Decimal,
  /** Overrides passed up to the parent, net of reversals (rules, section 12). */
  overridesPaid: Decimal,
  /** Overrides received from direct sub-partners, net of reversals. */
  overridesReceived: Decimal,
  /** remuneration - rebates - overridesPaid + overridesReceived. */
  net: Decimal,
  /** Clients attached to the partner now. */
  clients: t.number,
});
export type PartnerBalance = t.TypeOf<typeof PartnerBalance>;

/**
 * One sub-partner (direct or indirect) as the partners above it read it: where it sits in the
 * tree and what it traded, earned and passed up; never its clients, its rebates or its net.
 */
export const SubPartner = t.type({
  partnerId: t.string,
  /** Its direct parent: the partner asked about for a direct sub-partner. */
  parentId: t.string,
  /** 1 for a direct sub-partner, 2 for a sub-partner of one, and so on. */
  depth: t.number,
  model: t.string,
  trades: t.number,
  lots: Decimal,
  remuneration: Decimal,
  overridesPaid: Decimal,
  overridesReceived: Decimal,
});
export type SubPartner = t.TypeOf<typeof SubPartner>;

/** One UTC day of a sub-partner's summary (the same fields, per day). */
export const SubPartnerDay = t.type({
  day: Day,
  trades: t.number,
  lots: Decimal,
  remuneration: Decimal,
  overridesPaid: Decimal,
  overridesReceived: Decimal,
});
export type SubPartnerDay = t.TypeOf<typeof SubPartnerDay>;

export const ClientBalance = t.type({
  clientId: t.string,
  /** The partner it is attached to now. */
  partnerId: t.union([t.string, t.null]),
  trades: t.number,
  lots: Decimal,
  /** Rebates earned, net of reversals. */
  rebates: Decimal,
  /** Payouts requested or completed (= paid + inFlight): what the balance is net of. */
  paidOut: Decimal,
  /** Payouts completed by the payout service. */
  paid: Decimal,
  /** Payouts requested and not yet reported completed or failed. */
  inFlight: Decimal,
  balance: Decimal,
  /**
   * Payable now, without the hold period: the balance rounded down to cents, or 0 (what a run
   * with no hold would pay if not suspended). The read model keeps no close instants, so it
   * cannot apply a hold's cutoff; the API's client views answer this from the ledger's payables
   * (hold included), see docs/operations.md.
   */
  pendingPayout: Decimal,
});
export type ClientBalance = t.TypeOf<typeof ClientBalance>;

/** One UTC day of a statement; trades count by their close day, payouts by their run day. */
export const PartnerDay = t.type({
  day: Day,
  trades: t.number,
  lots: Decimal,
  remuneration: Decimal,
  rebates: Decimal,
  /** Overrides passed up to the parent, net of reversals (rules, section 12). */
  overridesPaid: Decimal,
  /** Overrides received from direct sub-partners, net of reversals. */
  overridesReceived: Decimal,
  /** remuneration - rebates - overridesPaid + overridesReceived. */
  net: Decimal,
});
export type PartnerDay = t.TypeOf<typeof PartnerDay>;

export const ClientDay = t.type({
  day: Day,
  trades: t.number,
  lots: Decimal,
  rebates: Decimal,
  paidOut: Decimal,
});
export type ClientDay = t.TypeOf<typeof ClientDay>;

export const Accrual = t.type({
  tradeId: t.string,
  clientId: t.string,
  partnerId: t.string,
  closedAt: t.string,
  accountType: t.string,
  symbol: t.string,
  lots: Decimal,
  usdPerLot: Decimal,
  remuneration: Decimal,
  percent: Decimal,
  rateRule: t.string,
  rebate: Decimal,
  net: Decimal,
  /** When the trade was voided, or null. */
  reversedAt: t.union([t.string, t.null]),
  /** Global position of the accrual event (a string: positions are 64-bit). */
  position: t.string,
});
export type Accrual = t.TypeOf<typeof Accrual>;

export const AgreementChange = t.type({
  position: t.string,
  type: t.string,
  clientId: t.union([t.string, t.null]),
  /** For rate changes and remuneration changes. */
  percent: t.union([Decimal, t.null]),
  usdPerLot: t.union([Decimal, t.null]),
  accountType: t.union([t.string, t.null]),
  at: t.string,
});
export type AgreementChange = t.TypeOf<typeof AgreementChange>;

export const ClientTermsView = t.type({
  clientId: t.string,
  individualRate: t.union([Decimal, t.null]),
  suspended: t.boolean,
  cancelled: t.boolean,
});
export type ClientTermsView = t.TypeOf<typeof ClientTermsView>;

export const Agreement = t.type({
  partnerId: t.string,
  model: t.string,
  defaultRate: t.union([Decimal, t.null]),
  suspended: t.boolean,
  /** Clients attached now, with the partner's terms for each. */
  clients: t.array(ClientTermsView),
  history: t.array(AgreementChange),
});
export type Agreement = t.TypeOf<typeof Agreement>;

/** Every account's balance per asset, and each asset's total over all accounts (zero). */
export const TrialBalance = t.type(
  {
    accounts: t.array(t.type({ account: t.string, asset: t.string, balance: Decimal })),
    totals: t.array(t.type({ asset: t.string, balance: Decimal })),
  },
  'TrialBalance',
);
export type TrialBalance = t.TypeOf<typeof TrialBalance>;

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass it back to get the next page. null on the last page. */
  readonly nextCursor: string | null;
}

export interface AccrualFilter {
  readonly partnerId?: string;
  readonly clientId?: string;
}

export interface LedgerQueries {
  listPartners(): Promise<readonly PartnerBalance[]>;
  partnerBalance(partnerId: string): Promise<PartnerBalance | undefined>;
  /** Clients with their whole accounts (every partner's part): for finance and admins. */
  listClients(filter: { partnerId?: string }): Promise<readonly ClientBalance[]>;
  /** The clients attached to a partner now, each with only what was attributed to it. */
  listPartnerClients(partnerId: string): Promise<readonly ClientBalance[]>;
  clientBalance(clientId: string): Promise<ClientBalance | undefined>;
  /** Days with activity between `from` and `to` inclusive (YYYY-MM-DD), oldest first. */
  partnerStatement(partnerId: string, from: string, to: string): Promise<readonly PartnerDay[]>;
  clientStatement(clientId: string, from: string, to: string): Promise<readonly ClientDay[]>;
  /**
   * A client's balance as attributed to one partner: the accruals made under it, their
   * reversals and the payouts naming it; `partnerId` is that partner. Zero while the client is
   * attached to it with nothing attributed yet; undefined if neither.
   */
  partnerClientBalance(partnerId: string, clientId: string): Promise<ClientBalance | undefined>;
  /** `clientStatement` of only what was attributed to one partner. */
  partnerClientStatement(
    partnerId: string,
    clientId: string,
    from: string,
    to: string,
  ): Promise<readonly ClientDay[]>;
  /**
   * A partner's sub-partners, direct and indirect, depth first (each one's own in code point
   * order), read in one snapshot with their figures; undefined for an unknown partner.
   */
  subPartners(partnerId: string): Promise<readonly SubPartner[] | undefined>;
  /**
   * A sub-partner's days between `from` and `to` inclusive; undefined unless `subPartnerId` is
   * a sub-partner (direct or indirect) of `partnerId`.
   */
  subPartnerStatement(
    partnerId: string,
    subPartnerId: string,
    from: string,
    to: string,
  ): Promise<readonly SubPartnerDay[] | undefined>;
  /** Accruals in global order; stable under concurrent writes (keyset pagination by position). */
  accruals(filter: AccrualFilter, page: { cursor?: string; limit: number }): Promise<Page<Accrual>>;
  agreement(partnerId: string): Promise<Agreement | undefined>;
  /** Every account's balance per asset from the accounts projection, and the totals. */
  trialBalance(): Promise<TrialBalance>;
  /** Reconciliation export: each partner's statement days in the range, and their sums. */
  partnerReconciliation(range: ReconciliationRange): Promise<PartnerReconciliation>;
  /** Reconciliation export: each client's days with payouts split and end-of-day balance. */
  clientReconciliation(range: ReconciliationRange): Promise<ClientReconciliation>;
  /** The position every projection has reached (the smallest checkpoint). */
  position(): Promise<bigint | undefined>;
  /** Waits until every projection has reached `position`; false on timeout. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
}
