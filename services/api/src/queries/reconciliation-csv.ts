import {
  CLIENT_RECONCILIATION_COLUMNS,
  type ClientReconciliation,
  PARTNER_RECONCILIATION_COLUMNS,
  type PartnerReconciliation,
} from '@rebate/read-models';
import { toCsv } from './csv';

/**
 * The reconciliation documents as CSV (the statements' writer): the header, one line per row,
 * and the totals row last, its `day` being `total`. The client totals row's balance is every
 * client's balance at the end of `to` (the JSON also carries the opening balance).
 */
export const partnerReconciliationCsv = (document: PartnerReconciliation): string =>
  toCsv(PARTNER_RECONCILIATION_COLUMNS, [
    ...document.rows,
    { day: 'total', partnerId: '', ...document.totals },
  ]);

export const clientReconciliationCsv = (document: ClientReconciliation): string =>
  toCsv(CLIENT_RECONCILIATION_COLUMNS, [
    ...document.rows,
    { day: 'total', clientId: '', ...document.totals },
  ]);

export const reconciliationFilename = (
  document: PartnerReconciliation | ClientReconciliation,
): string =>
  `reconciliation-${document.report}-${document.partnerId === null ? '' : `${document.partnerId}-`}${document.from}-${document.to}.csv`;
