import type { Migration } from '@rebate/sql';

/**
 * STRICT tables, so a value of the wrong type is an error rather than silently converted. Money
 * is TEXT (exact decimal text; SQLite has no exact numeric type), instants are canonical UTC
 * text (they keep nanoseconds), days are 'YYYY-MM-DD', booleans 0/1. BINARY collation orders
 * keys by their UTF-8 bytes, as PostgreSQL's "C" collation does.
 */
export const initial: Migration = {
  version: 1,
  name: '0001-initial',
  sql: `
    CREATE TABLE projection_checkpoints (
      projection TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- One processor per projection: a lease its holder renews; an expired one may be taken.
    CREATE TABLE projection_leases (
      projection TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE balance_partners (
      partner_id TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      remuneration TEXT NOT NULL,
      rebates TEXT NOT NULL,
      net TEXT NOT NULL,
      clients INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE balance_partner_days (
      partner_id TEXT NOT NULL,
      day TEXT NOT NULL,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      remuneration TEXT NOT NULL,
      rebates TEXT NOT NULL,
      net TEXT NOT NULL,
      PRIMARY KEY (partner_id, day)
    ) STRICT;

    CREATE TABLE balance_clients (
      client_id TEXT PRIMARY KEY,
      partner_id TEXT,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      rebates TEXT NOT NULL,
      paid_out TEXT NOT NULL
    ) STRICT;
    CREATE INDEX balance_clients_by_partner ON balance_clients (partner_id, client_id);

    CREATE TABLE balance_client_days (
      client_id TEXT NOT NULL,
      day TEXT NOT NULL,
      trades INTEGER NOT NULL,
      lots TEXT NOT NULL,
      rebates TEXT NOT NULL,
      paid_out TEXT NOT NULL,
      PRIMARY KEY (client_id, day)
    ) STRICT;

    CREATE TABLE balance_trade_days (
      trade_id TEXT PRIMARY KEY,
      day TEXT NOT NULL
    ) STRICT;

    CREATE TABLE accruals (
      trade_id TEXT PRIMARY KEY,
      position INTEGER NOT NULL UNIQUE,
      client_id TEXT NOT NULL,
      partner_id TEXT NOT NULL,
      closed_at TEXT NOT NULL,
      account_type TEXT NOT NULL,
      symbol TEXT NOT NULL,
      lots TEXT NOT NULL,
      usd_per_lot TEXT NOT NULL,
      remuneration TEXT NOT NULL,
      percent TEXT NOT NULL,
      rate_rule TEXT NOT NULL,
      rebate TEXT NOT NULL,
      net TEXT NOT NULL,
      reversed_at TEXT
    ) STRICT;
    CREATE INDEX accruals_by_partner ON accruals (partner_id, position);
    CREATE INDEX accruals_by_client ON accruals (client_id, position);

    CREATE TABLE agreement_partners (
      partner_id TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      default_rate TEXT,
      suspended INTEGER NOT NULL CHECK (suspended IN (0, 1))
    ) STRICT;

    CREATE TABLE agreement_client_terms (
      partner_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      individual_rate TEXT,
      suspended INTEGER NOT NULL CHECK (suspended IN (0, 1)),
      cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
      PRIMARY KEY (partner_id, client_id)
    ) STRICT;

    CREATE TABLE agreement_attachments (
      client_id TEXT PRIMARY KEY,
      partner_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agreement_attachments_by_partner ON agreement_attachments (partner_id, client_id);

    CREATE TABLE agreement_changes (
      position INTEGER PRIMARY KEY,
      partner_id TEXT,
      type TEXT NOT NULL,
      client_id TEXT,
      percent TEXT,
      usd_per_lot TEXT,
      account_type TEXT,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agreement_changes_by_partner ON agreement_changes (partner_id, position);
  `,
};
