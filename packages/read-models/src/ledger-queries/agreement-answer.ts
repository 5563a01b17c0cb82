import { type Big, formatDecimal } from '@rebate/domain';
import type {
  AgreementChangeRow,
  AgreementPartnerRow,
  ClientTermsRow,
} from '../projections/agreements/tables';
import type { Agreement, AgreementChange, ClientTermsView } from '../queries';

const decimalOrNull = (value: Big | null): string | null =>
  value === null ? null : formatDecimal(value);

const change = (row: AgreementChangeRow): AgreementChange => ({
  position: row.position.toString(),
  type: row.type,
  clientId: row.clientId,
  percent: decimalOrNull(row.percent),
  usdPerLot: decimalOrNull(row.usdPerLot),
  accountType: row.accountType,
  at: row.at,
});

/** Clients attached now (in the order given), each with the terms this partner agreed for it (none: the defaults). */
const clientTerms = (
  attachedClientIds: readonly string[],
  terms: readonly ClientTermsRow[],
): ClientTermsView[] => {
  const byClient = new Map(terms.map((row) => [row.clientId, row]));
  return attachedClientIds.map((clientId) => {
    const row = byClient.get(clientId);
    return {
      clientId,
      individualRate: decimalOrNull(row?.individualRate ?? null),
      suspended: row?.suspended ?? false,
      cancelled: row?.cancelled ?? false,
    };
  });
};

export const agreement = (
  partner: AgreementPartnerRow,
  attachedClientIds: readonly string[],
  terms: readonly ClientTermsRow[],
  history: readonly AgreementChangeRow[],
): Agreement => ({
  partnerId: partner.partnerId,
  model: partner.model,
  defaultRate: decimalOrNull(partner.defaultRate),
  suspended: partner.suspended,
  clients: clientTerms(attachedClientIds, terms),
  history: history.map(change),
});
