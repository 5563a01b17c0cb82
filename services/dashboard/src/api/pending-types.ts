/**
 * Shapes of routes named in the open issues (9, 10, 11, 12) but not in the API's OpenAPI
 * document yet. Kept to what the pages read, and deleted once the generated types have them.
 */

export interface TrialBalance {
  readonly accounts: readonly { account: string; asset: string; balance: string }[];
  readonly totals: readonly { asset: string; balance: string }[];
}
