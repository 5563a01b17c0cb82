import type { Migration } from '@rebate/sql';

/**
 * Runs with search_path set to the read models' schema, so names are unqualified. Money is
 * NUMERIC (exact, and summable by finance's own SQL); it is written and read as decimal text,
 * never through a float. Instants stay text: they keep the nanoseconds the input gave, which
 * timestamptz (microseconds) would drop. Text keys use the "C" collation, so rows sort by code
 * point exactly as on SQLite and in JavaScript, whatever the database's locale.
 */
export const initial: Migration = {
  version: 1,
  name: '0001-initial',
  sql: `
    CREATE TABLE projection_checkpoints (
      projection text COLLATE "C" PRIMARY KEY,
      position bigint NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE balance_partners (
      partner_id text COLLATE "C" PRIMARY KEY,
      model text COLLATE "C" NOT NULL,
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      remuneration numeric NOT NULL,
      rebates numeric NOT NULL,
      net numeric NOT NULL,
      clients bigint NOT NULL
    );

    CREATE TABLE balance_partner_days (
      partner_id text COLLATE "C" NOT NULL,
      day text COLLATE "C" NOT NULL,
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      remuneration numeric NOT NULL,
      rebates numeric NOT NULL,
      net numeric NOT NULL,
      PRIMARY KEY (partner_id, day)
    );

    CREATE TABLE balance_clients (
      client_id text COLLATE "C" PRIMARY KEY,
      partner_id text COLLATE "C",
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      rebates numeric NOT NULL,
      paid_out numeric NOT NULL
    );
    CREATE INDEX balance_clients_by_partner ON balance_clients (partner_id, client_id);

    CREATE TABLE balance_client_days (
      client_id text COLLATE "C" NOT NULL,
      day text COLLATE "C" NOT NULL,
      trades bigint NOT NULL,
      lots numeric NOT NULL,
      rebates numeric NOT NULL,
      paid_out numeric NOT NULL,
      PRIMARY KEY (client_id, day)
    );

    CREATE TABLE balance_trade_days (
      trade_id text COLLATE "C" PRIMARY KEY,
      day text COLLATE "C" NOT NULL
    );

    CREATE TABLE accruals (
      trade_id text COLLATE "C" PRIMARY KEY,
      position bigint NOT NULL UNIQUE,
      client_id text COLLATE "C" NOT NULL,
      partner_id text COLLATE "C" NOT NULL,
      closed_at text COLLATE "C" NOT NULL,
      account_type text COLLATE "C" NOT NULL,
      symbol text COLLATE "C" NOT NULL,
      lots numeric NOT NULL,
      usd_per_lot numeric NOT NULL,
      remuneration numeric NOT NULL,
      percent numeric NOT NULL,
      rate_rule text COLLATE "C" NOT NULL,
      rebate numeric NOT NULL,
      net numeric NOT NULL,
      reversed_at text COLLATE "C"
    );
    CREATE INDEX accruals_by_partner ON accruals (partner_id, position);
    CREATE INDEX accruals_by_client ON accruals (client_id, position);

    CREATE TABLE agreement_partners (
      partner_id text COLLATE "C" PRIMARY KEY,
      model text COLLATE "C" NOT NULL,
      default_rate numeric,
      suspended boolean NOT NULL
    );

    CREATE TABLE agreement_client_terms (
      partner_id text COLLATE "C" NOT NULL,
      client_id text COLLATE "C" NOT NULL,
      individual_rate numeric,
      suspended boolean NOT NULL,
      cancelled boolean NOT NULL,
      PRIMARY KEY (partner_id, client_id)
    );

    CREATE TABLE agreement_attachments (
      client_id text COLLATE "C" PRIMARY KEY,
      partner_id text COLLATE "C" NOT NULL
    );
    CREATE INDEX agreement_attachments_by_partner ON agreement_attachments (partner_id, client_id);

    CREATE TABLE agreement_changes (
      position bigint PRIMARY KEY,
      partner_id text COLLATE "C",
      type text COLLATE "C" NOT NULL,
      client_id text COLLATE "C",
      percent numeric,
      usd_per_lot numeric,
      account_type text COLLATE "C",
      at text COLLATE "C" NOT NULL
    );
    CREATE INDEX agreement_changes_by_partner ON agreement_changes (partner_id, position);
  `,
};
