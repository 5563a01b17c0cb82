import type { Migration } from '@rebate/sql';

/**
 * The accounts projection replaces the balances tables: debits and credits per (account, asset)
 * all time and per day, and the partners and clients it knows (NUMERIC money, "C" collation for code point order). The balance tables
 * and their checkpoint go; the accounts projection starts from the first event.
 */
export const accounts: Migration = {
  version: 3,
  name: '0003-accounts',
  sql: `
    CREATE TABLE account_totals (
      kind text COLLATE "C" NOT NULL,
      partner_id text COLLATE "C" NOT NULL,
      client_id text COLLATE "C" NOT NULL,
      asset text COLLATE "C" NOT NULL,
      account text COLLATE "C" NOT NULL,
      debits numeric NOT NULL,
      credits numeric NOT NULL,
      PRIMARY KEY (partner_id, client_id, kind, asset)
    );
    CREATE INDEX account_totals_by_client ON account_totals (client_id, partner_id);

    CREATE TABLE account_days (
      kind text COLLATE "C" NOT NULL,
      partner_id text COLLATE "C" NOT NULL,
      client_id text COLLATE "C" NOT NULL,
      asset text COLLATE "C" NOT NULL,
      account text COLLATE "C" NOT NULL,
      debits numeric NOT NULL,
      credits numeric NOT NULL,
      day text COLLATE "C" NOT NULL,
      PRIMARY KEY (partner_id, client_id, kind, asset, day)
    );
    CREATE INDEX account_days_by_partner ON account_days (partner_id, day);
    CREATE INDEX account_days_by_client ON account_days (client_id, day);

    CREATE TABLE account_partners (
      partner_id text COLLATE "C" PRIMARY KEY,
      model text COLLATE "C" NOT NULL
    );

    CREATE TABLE account_clients (
      client_id text COLLATE "C" PRIMARY KEY,
      partner_id text COLLATE "C"
    );
    CREATE INDEX account_clients_by_partner ON account_clients (partner_id, client_id);

    CREATE TABLE account_trade_days (
      trade_id text COLLATE "C" PRIMARY KEY,
      day text COLLATE "C" NOT NULL
    );

    DROP TABLE balance_partners;
    DROP TABLE balance_partner_days;
    DROP TABLE balance_clients;
    DROP TABLE balance_client_days;
    DROP TABLE balance_trade_days;
    DROP TABLE balance_partner_clients;
    DROP TABLE balance_partner_client_days;
    DELETE FROM projection_checkpoints WHERE projection IN ('balances', 'accounts');
  `,
};
