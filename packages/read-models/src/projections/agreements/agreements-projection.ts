import { type AgreementEvent, isAgreementEvent } from '@rebate/domain';
import type { WorkingSet } from '../../storage/working-set';
import type { PositionedEvent, Projection } from '../projection';
import { agreementChangeRow } from './agreement-change';
import {
  type ClientTermsRow,
  agreementChangesTable,
  agreementPartnersTable,
  attachmentsTable,
  clientTermsTable,
} from './tables';

/**
 * Each partner's terms as they stand after every recorded command, and the stream's history.
 * The rules forbid back-dating a partner's commands, so stream order is time order per partner
 * and the last change is the one in force now: this mirrors `evolveBook` followed by
 * `latest(...)` of each history (the tests check exactly that).
 */

const TERMS_TYPES = new Set<string>([
  'PartnerRegistered',
  'ClientAttached',
  'RebateRateSet',
  'RebatesSuspended',
  'RebatesResumed',
  'RebatesCancelled',
]);

const termsOf = async (
  rows: WorkingSet,
  partnerId: string,
  clientId: string,
): Promise<ClientTermsRow> =>
  (await rows.get(clientTermsTable, { partnerId, clientId })) ?? {
    partnerId,
    clientId,
    individualRate: null,
    suspended: false,
    cancelled: false,
  };

const updatePartner = async (
  rows: WorkingSet,
  partnerId: string,
  change: { defaultRate?: ClientTermsRow['individualRate']; suspended?: boolean },
): Promise<void> => {
  const partner = await rows.get(agreementPartnersTable, { partnerId });
  if (partner !== undefined) rows.put(agreementPartnersTable, { ...partner, ...change });
};

const updateTerms = async (
  rows: WorkingSet,
  partnerId: string,
  clientId: string,
  change: Partial<Pick<ClientTermsRow, 'individualRate' | 'suspended' | 'cancelled'>>,
): Promise<void> => {
  rows.put(clientTermsTable, { ...(await termsOf(rows, partnerId, clientId)), ...change });
};

const applyTerms = async (event: AgreementEvent, rows: WorkingSet): Promise<void> => {
  switch (event.type) {
    case 'PartnerRegistered':
      rows.put(agreementPartnersTable, {
        partnerId: event.partnerId,
        model: event.model,
        defaultRate: null,
        suspended: false,
      });
      return;
    case 'ClientAttached':
      rows.put(attachmentsTable, { clientId: event.clientId, partnerId: event.partnerId });
      return;
    case 'RemunerationSet':
    case 'PayoutHoldSet':
    case 'QualificationSet':
    case 'OverrideRateSet':
      return; // kept in the history only
    case 'RebateRateSet':
      if (event.clientId === null) {
        return updatePartner(rows, event.partnerId, { defaultRate: event.percent });
      }
      // A new individual rate clears a client cancel.
      return updateTerms(rows, event.partnerId, event.clientId, {
        individualRate: event.percent,
        cancelled: false,
      });
    case 'RebatesSuspended':
    case 'RebatesResumed': {
      const suspended = event.type === 'RebatesSuspended';
      if (event.clientId === null) return updatePartner(rows, event.partnerId, { suspended });
      return updateTerms(rows, event.partnerId, event.clientId, { suspended });
    }
    case 'RebatesCancelled':
      if (event.clientId !== null) {
        return updateTerms(rows, event.partnerId, event.clientId, {
          individualRate: null,
          cancelled: true,
        });
      }
      // Partner-wide: no default rate and no individual rates; cancel flags and switches stay.
      await updatePartner(rows, event.partnerId, { defaultRate: null });
      for (const terms of await rows.scan(clientTermsTable, { partnerId: event.partnerId })) {
        rows.put(clientTermsTable, { ...terms, individualRate: null });
      }
      return;
  }
};

const apply = async ({ event, position }: PositionedEvent, rows: WorkingSet): Promise<void> => {
  if (!isAgreementEvent(event)) return;
  rows.put(agreementChangesTable, agreementChangeRow(event, position));
  await applyTerms(event, rows);
};

const prefetch = async (events: readonly PositionedEvent[], rows: WorkingSet): Promise<void> => {
  const partners = new Set<string>();
  const terms = new Map<string, { partnerId: string; clientId: string }>();
  for (const { event } of events) {
    // Only these change a partner's or a client's terms row (the others are history only).
    if (!isAgreementEvent(event) || !TERMS_TYPES.has(event.type) || !('partnerId' in event))
      continue;
    if (event.partnerId === null) continue;
    partners.add(event.partnerId);
    if ('clientId' in event && event.clientId !== null && event.type !== 'ClientAttached') {
      terms.set(JSON.stringify([event.partnerId, event.clientId]), {
        partnerId: event.partnerId,
        clientId: event.clientId,
      });
    }
  }
  await rows.load(
    agreementPartnersTable,
    [...partners].map((partnerId) => ({ partnerId })),
  );
  await rows.load(clientTermsTable, [...terms.values()]);
};

export const agreementsProjection: Projection = {
  name: 'agreements',
  tables: [agreementPartnersTable, clientTermsTable, attachmentsTable, agreementChangesTable],
  prefetch,
  apply,
};
