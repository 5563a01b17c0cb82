/**
 * Shapes of routes named in the open issues (9, 10, 11, 12) but not in the API's OpenAPI
 * document yet. Kept to what the pages read, and deleted once the generated types have them.
 */

export interface Payout {
  readonly payoutId?: string;
  readonly runId?: string;
  readonly clientId: string;
  readonly partnerId?: string | null;
  readonly amount: string;
  readonly status?: string;
  readonly requestedAt?: string;
  readonly at?: string;
}

export interface PayoutPage {
  readonly items: readonly Payout[];
  readonly nextCursor?: string | null;
}

export interface TrialBalance {
  readonly accounts: readonly { account: string; asset: string; balance: string }[];
  readonly totals: readonly { asset: string; balance: string }[];
}
