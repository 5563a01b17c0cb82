/**
 * The ledger's accounts. Every money and volume movement is a posting between two of them, so a
 * partner's and a client's figures are balances of their own accounts (docs/architecture.md,
 * "Accounts and postings"). An account is structured (kind and ids), and its name is derived.
 */
export type Account =
  /** The broker's remuneration paid to partner P (its balance is minus what P earned). */
  | { readonly kind: 'broker'; readonly partnerId: string }
  /** Partner P's share: remuneration received minus rebates passed on (plus overrides in v2). */
  | { readonly kind: 'partner'; readonly partnerId: string }
  /** Client C's rebates earned under partner P, minus what was paid from them. */
  | ClientScopedAccount<'client'>
  /** Payouts requested from client:C@P and not yet completed or failed. */
  | ClientScopedAccount<'payouts-in-flight'>
  /** Payouts from client:C@P that completed. */
  | ClientScopedAccount<'payouts-paid'>
  /** Where traded volume (LOTS, TRADES) comes from: the market side of every trade. */
  | { readonly kind: 'market' };

export interface ClientScopedAccount<K extends string> {
  readonly kind: K;
  /** The partner the money was attributed to; null only for a v1 payout that named none. */
  readonly partnerId: string | null;
  readonly clientId: string;
}

export type AccountKind = Account['kind'];

export const brokerAccount = (partnerId: string): Account => ({ kind: 'broker', partnerId });
export const partnerAccount = (partnerId: string): Account => ({ kind: 'partner', partnerId });
export const clientAccount = (clientId: string, partnerId: string | null): Account => ({
  kind: 'client',
  partnerId,
  clientId,
});
export const payoutsInFlightAccount = (clientId: string, partnerId: string | null): Account => ({
  kind: 'payouts-in-flight',
  partnerId,
  clientId,
});
export const payoutsPaidAccount = (clientId: string, partnerId: string | null): Account => ({
  kind: 'payouts-paid',
  partnerId,
  clientId,
});
export const MARKET: Account = { kind: 'market' };

const clientPart = (clientId: string, partnerId: string | null): string =>
  partnerId === null ? clientId : `${clientId}@${partnerId}`;

/**
 * The account's name as finance reads it: `broker:P`, `partner:P`, `client:C@P`,
 * `payouts:in-flight:C@P`, `payouts:paid:C@P`, `market`. Ids may hold any character, so code
 * keys accounts by their structure (`accountKey`), never by parsing a name.
 */
export const accountName = (account: Account): string => {
  switch (account.kind) {
    case 'broker':
      return `broker:${account.partnerId}`;
    case 'partner':
      return `partner:${account.partnerId}`;
    case 'client':
      return `client:${clientPart(account.clientId, account.partnerId)}`;
    case 'payouts-in-flight':
      return `payouts:in-flight:${clientPart(account.clientId, account.partnerId)}`;
    case 'payouts-paid':
      return `payouts:paid:${clientPart(account.clientId, account.partnerId)}`;
    case 'market':
      return 'market';
  }
};

export const partnerIdOf = (account: Account): string | null =>
  account.kind === 'market' ? null : account.partnerId;

export const clientIdOf = (account: Account): string | null =>
  account.kind === 'client' ||
  account.kind === 'payouts-in-flight' ||
  account.kind === 'payouts-paid'
    ? account.clientId
    : null;

/** An unambiguous key (JSON of kind and ids): two different accounts never share one. */
export const accountKey = (account: Account): string =>
  JSON.stringify([account.kind, partnerIdOf(account), clientIdOf(account)]);
