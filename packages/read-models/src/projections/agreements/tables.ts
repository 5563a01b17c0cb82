import {
  type DatabaseOf,
  type RowOf,
  defineTable,
  boolean,
  decimal,
  nullable,
  position,
  text,
} from '../../storage/schema';

/** A partner's terms now: its model, default rate (null: none) and partner-wide switch. */
export const agreementPartnersTable = defineTable(
  'agreementPartners',
  { partnerId: text, model: text, defaultRate: nullable(decimal), suspended: boolean },
  ['partnerId'],
);

/** What a partner agreed for one client, kept when the client moves away (it may come back). */
export const clientTermsTable = defineTable(
  'agreementClientTerms',
  {
    partnerId: text,
    clientId: text,
    individualRate: nullable(decimal),
    suspended: boolean,
    cancelled: boolean,
  },
  ['partnerId', 'clientId'],
);

/** The partner each client is attached to now. */
export const attachmentsTable = defineTable(
  'agreementAttachments',
  { clientId: text, partnerId: text },
  ['clientId'],
);

/** Every event of the agreements stream; partnerId null for the broker-wide schedule. */
export const agreementChangesTable = defineTable(
  'agreementChanges',
  {
    position,
    partnerId: nullable(text),
    type: text,
    clientId: nullable(text),
    percent: nullable(decimal),
    usdPerLot: nullable(decimal),
    accountType: nullable(text),
    at: text,
  },
  ['position'],
);

export type AgreementPartnerRow = RowOf<typeof agreementPartnersTable.columns>;
export type AttachmentRow = RowOf<typeof attachmentsTable.columns>;
export type ClientTermsRow = RowOf<typeof clientTermsTable.columns>;
export type AgreementChangeRow = RowOf<typeof agreementChangesTable.columns>;

/** Every table of the agreements projection. */
export const AGREEMENTS_TABLES = [
  agreementPartnersTable,
  clientTermsTable,
  attachmentsTable,
  agreementChangesTable,
] as const;

/** The projection's tables as Kysely sees them, derived from their definitions. */
export type AgreementsDatabase = DatabaseOf<typeof AGREEMENTS_TABLES>;
