/**
 * What postings move: money in US dollars, and traded volume, so statements need no second
 * source. `LOTS` are lots traded, `TRADES` a count of trades (net of reversals).
 */
export const ASSETS = ['USD', 'LOTS', 'TRADES'] as const;
export type Asset = (typeof ASSETS)[number];

export const isAsset = (value: string): value is Asset =>
  (ASSETS as readonly string[]).includes(value);
