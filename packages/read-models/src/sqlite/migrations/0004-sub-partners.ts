import type { Migration } from '@rebate/sql';

/**
 * Sub-partners in the accounts projection: each partner's parent (TEXT, as every id), fixed at
 * registration, so the sub-partner tree is read in the same snapshot as its figures; and
 * overrides booked under their own row kinds (`partner-override-paid`, `-received`), so the
 * two sums stand apart. A migration never empties live balances: rows written before it lack
 * both, so an upgraded database runs `rebate projections rebuild accounts` (beside the live
 * tables, no stop of the API; docs/operations.md) to book them; totals and `net` are right meanwhile.
 */
export const subPartners: Migration = {
  version: 4,
  name: '0004-sub-partners',
  sql: `
    ALTER TABLE account_partners ADD COLUMN parent_id TEXT;
  `,
};
