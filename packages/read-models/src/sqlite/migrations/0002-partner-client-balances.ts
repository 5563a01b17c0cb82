import type { Migration } from '@rebate/sql';

/**
 * A client's balance and days as attributed to each partner, so a partner reads only its own
 * period of a client that moved. The balances projection is reset (rows and checkpoint) in the
 * same transaction, so its processor replays history and fills the new tables.
 */
export const partnerClientBalances: Migration = {
  version: 2,
  name: '0002-partner-client-balances',
  sql: `
    CREATE TABLE balance_partner_clients (
      partner_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      rebates TEXT NOT NULL,
      paid_out TEXT NOT NULL,
      PRIMARY KEY (partner_id, client_id)
    ) STRICT;

    CREATE TABLE balance_partner_client_days (
      partner_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      day TEXT NOT NULL,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      rebates TEXT NOT NULL,
      paid_out TEXT NOT NULL,
      PRIMARY KEY (partner_id, client_id, day)
    ) STRICT;

    DELETE FROM balance_partners;
    DELETE FROM balance_partner_days;
    DELETE FROM balance_clients;
    DELETE FROM balance_client_days;
    DELETE FROM balance_trade_days;
    DELETE FROM projection_checkpoints WHERE projection = 'balances';
  `,
};
