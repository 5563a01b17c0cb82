import type { Migration } from '@rebate/sql';

/**
 * The accounts projection replaces the balances tables: debits and credits per (account, asset)
 * all time and per day, and the partners and clients it knows (SQLite TEXT decimals in STRICT tables (never a float)). The balance tables
 * and their checkpoint go; the accounts projection starts from the first event.
 */
export const accounts: Migration = {
  version: 3,
  name: '0003-accounts',
  sql: `
    CREATE TABLE account_totals (
      kind TEXT NOT NULL,
      partner_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      asset TEXT NOT NULL,
      account TEXT NOT NULL,
      debits TEXT NOT NULL,
      credits TEXT NOT NULL,
      PRIMARY KEY (partner_id, client_id, kind, asset)
    ) STRICT;
    CREATE INDEX account_totals_by_client ON account_totals (client_id, partner_id);

    CREATE TABLE account_days (
      kind TEXT NOT NULL,
      partner_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      asset TEXT NOT NULL,
      account TEXT NOT NULL,
      debits TEXT NOT NULL,
      credits TEXT NOT NULL,
      day TEXT NOT NULL,
      PRIMARY KEY (partner_id, client_id, kind, asset, day)
    ) STRICT;
    CREATE INDEX account_days_by_partner ON account_days (partner_id, day);
    CREATE INDEX account_days_by_client ON account_days (client_id, day);

    CREATE TABLE account_partners (
      partner_id TEXT PRIMARY KEY,
      model TEXT NOT NULL
    ) STRICT;

    CREATE TABLE account_clients (
      client_id TEXT PRIMARY KEY,
      partner_id TEXT
    ) STRICT;
    CREATE INDEX account_clients_by_partner ON account_clients (partner_id, client_id);

    CREATE TABLE account_trade_days (
      trade_id TEXT PRIMARY KEY,
      day TEXT NOT NULL
    ) STRICT;

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
