import type { Migration } from '@rebate/sql';

/**
 * Sub-partners in the accounts projection: each partner's parent (TEXT, as every id), fixed at
 * registration, so the sub-partner tree is read in the same snapshot as its figures; and
 * overrides booked under their own row kinds (`partner-override-paid`, `-received`), so the
 * two sums stand apart. Rows written before either lack both: the accounts projection starts
 * again from the first event (until it has caught up, balances read low).
 */
export const subPartners: Migration = {
  version: 4,
  name: '0004-sub-partners',
  sql: `
    ALTER TABLE account_partners ADD COLUMN parent_id TEXT;
    DELETE FROM account_totals;
    DELETE FROM account_days;
    DELETE FROM account_partners;
    DELETE FROM account_clients;
    DELETE FROM account_trade_days;
    DELETE FROM projection_checkpoints WHERE projection = 'accounts';
  `,
};
