import { boolean, decimal, nullable, position, text } from '../../storage/columns';
import { defineTable } from '../../storage/table';

/** A partner's terms now: its model, default rate (null: none) and partner-wide switch. */
export const agreementPartnersTable = defineTable(
  'agreement_partners',
  { partnerId: text, model: text, defaultRate: nullable(decimal), suspended: boolean },
  ['partnerId'],
);

/** What a partner agreed for one client, kept when the client moves away (it may come back). */
export const clientTermsTable = defineTable(
  'agreement_client_terms',
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
  'agreement_attachments',
  { clientId: text, partnerId: text },
  ['clientId'],
);

/** Every event of the agreements stream; partnerId null for the broker-wide schedule. */
export const agreementChangesTable = defineTable(
  'agreement_changes',
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

export type AgreementPartnerRow = ReturnType<typeof agreementPartnersTable.decode>;
export type ClientTermsRow = ReturnType<typeof clientTermsTable.decode>;
export type AgreementChangeRow = ReturnType<typeof agreementChangesTable.decode>;
