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
      partner_id text COLLATE "C" NOT NULL,
      client_id text COLLATE "C" NOT NULL,
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      rebates numeric NOT NULL,
      paid_out numeric NOT NULL,
      PRIMARY KEY (partner_id, client_id)
    );

    CREATE TABLE balance_partner_client_days (
      partner_id text COLLATE "C" NOT NULL,
      client_id text COLLATE "C" NOT NULL,
      day text COLLATE "C" NOT NULL,
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      rebates numeric NOT NULL,
      paid_out numeric NOT NULL,
      PRIMARY KEY (partner_id, client_id, day)
    );

    DELETE FROM balance_partners;
    DELETE FROM balance_partner_days;
    DELETE FROM balance_clients;
    DELETE FROM balance_client_days;
    DELETE FROM balance_trade_days;
    DELETE FROM projection_checkpoints WHERE projection = 'balances';
  `,
};
