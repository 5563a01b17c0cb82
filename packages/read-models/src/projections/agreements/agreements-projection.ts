import { type AgreementEvent, isAgreementEvent } from '@rebate/domain';
import { keyText, selectByKeys, upsertRows } from '../../storage/batched';
import type { ReadModelDb } from '../../storage/port';
import type { PositionedEvent, Projection } from '../projection';
import { agreementChangeRow } from './agreement-change';
import {
  type AgreementChangeRow,
  type AgreementPartnerRow,
  type AttachmentRow,
  type ClientTermsRow,
  agreementChangesTable,
  agreementPartnersTable,
  attachmentsTable,
  clientTermsTable,
  AGREEMENTS_TABLES,
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

/** The rows one batch reads and changes: loaded once, folded in memory, written once. */
class Batch {
  readonly changes: AgreementChangeRow[] = [];
  readonly attachments = new Map<string, AttachmentRow>();
  private readonly changedPartners = new Set<string>();
  private readonly changedTerms = new Set<string>();

  constructor(
    private readonly partners: Map<string, AgreementPartnerRow>,
    private readonly terms: Map<string, ClientTermsRow>,
  ) {}

  registerPartner(row: AgreementPartnerRow): void {
    this.partners.set(row.partnerId, row);
    this.changedPartners.add(row.partnerId);
  }

  /** A partner-wide change; none before the partner is registered. */
  updatePartner(partnerId: string, change: Partial<AgreementPartnerRow>): void {
    const partner = this.partners.get(partnerId);
    if (partner === undefined) return;
    this.partners.set(partnerId, { ...partner, ...change });
    this.changedPartners.add(partnerId);
  }

  updateTerms(
    partnerId: string,
    clientId: string,
    change: Partial<Pick<ClientTermsRow, 'individualRate' | 'suspended' | 'cancelled'>>,
  ): void {
    const key = keyText(partnerId, clientId);
    const terms = this.terms.get(key) ?? {
      partnerId,
      clientId,
      individualRate: null,
      suspended: false,
      cancelled: false,
    };
    this.terms.set(key, { ...terms, ...change });
    this.changedTerms.add(key);
  }

  /** Every client's terms of the partner: all of them were loaded for a partner-wide cancel. */
  clearIndividualRates(partnerId: string): void {
    for (const terms of this.terms.values()) {
      if (terms.partnerId === partnerId)
        this.updateTerms(partnerId, terms.clientId, { individualRate: null });
    }
  }

  async write(db: ReadModelDb): Promise<void> {
    const pick = <T>(rows: Map<string, T>, keys: Set<string>) =>
      [...keys].map((key) => rows.get(key) as T);
    await upsertRows(db, agreementChangesTable, this.changes);
    await upsertRows(db, attachmentsTable, [...this.attachments.values()]);
    await upsertRows(db, agreementPartnersTable, pick(this.partners, this.changedPartners));
    await upsertRows(db, clientTermsTable, pick(this.terms, this.changedTerms));
  }
}

const applyTerms = (event: AgreementEvent, rows: Batch): void => {
  switch (event.type) {
    case 'PartnerRegistered':
      rows.registerPartner({
        partnerId: event.partnerId,
        model: event.model,
        defaultRate: null,
        suspended: false,
      });
      return;
    case 'ClientAttached':
      rows.attachments.set(event.clientId, {
        clientId: event.clientId,
        partnerId: event.partnerId,
      });
      return;
    case 'RemunerationSet':
    case 'PayoutHoldSet':
    case 'QualificationSet':
    case 'OverrideRateSet':
      return; // kept in the history only
    case 'RebateRateSet':
      if (event.clientId === null) {
        return rows.updatePartner(event.partnerId, { defaultRate: event.percent });
      }
      // A new individual rate clears a client cancel.
      return rows.updateTerms(event.partnerId, event.clientId, {
        individualRate: event.percent,
        cancelled: false,
      });
    case 'RebatesSuspended':
    case 'RebatesResumed': {
      const suspended = event.type === 'RebatesSuspended';
      if (event.clientId === null) return rows.updatePartner(event.partnerId, { suspended });
      return rows.updateTerms(event.partnerId, event.clientId, { suspended });
    }
    case 'RebatesCancelled':
      if (event.clientId !== null) {
        return rows.updateTerms(event.partnerId, event.clientId, {
          individualRate: null,
          cancelled: true,
        });
      }
      // Partner-wide: no default rate and no individual rates; cancel flags and switches stay.
      rows.updatePartner(event.partnerId, { defaultRate: null });
      rows.clearIndividualRates(event.partnerId);
      return;
  }
};

/**
 * Loads what the batch's terms events read, in one query per kind: their partners, their
 * clients' terms, and every terms row of a partner cancelled partner-wide.
 */
const load = async (events: readonly AgreementEvent[], db: ReadModelDb): Promise<Batch> => {
  const partners = new Set<string>();
  const terms = new Map<string, { partnerId: string; clientId: string }>();
  const cancelled = new Set<string>();
  for (const event of events) {
    // Only these change a partner's or a client's terms row (the others are history only).
    if (!TERMS_TYPES.has(event.type) || !('partnerId' in event) || event.partnerId === null)
      continue;
    partners.add(event.partnerId);
    if (!('clientId' in event) || event.type === 'ClientAttached') continue;
    if (event.clientId !== null) {
      terms.set(keyText(event.partnerId, event.clientId), {
        partnerId: event.partnerId,
        clientId: event.clientId,
      });
    } else if (event.type === 'RebatesCancelled') cancelled.add(event.partnerId);
  }
  const storedPartners = await selectByKeys(
    db,
    agreementPartnersTable,
    [...partners].map((partnerId) => ({ partnerId })),
  );
  const storedTerms = await selectByKeys(db, clientTermsTable, [...terms.values()]);
  if (cancelled.size > 0) {
    const all = await db
      .selectFrom('agreementClientTerms')
      .selectAll()
      .where('partnerId', 'in', [...cancelled])
      .execute();
    storedTerms.push(...all.map((row) => clientTermsTable.decode(row)));
  }
  return new Batch(
    new Map(storedPartners.map((row) => [row.partnerId, row])),
    new Map(storedTerms.map((row) => [keyText(row.partnerId, row.clientId), row])),
  );
};

const applyBatch = async (events: readonly PositionedEvent[], db: ReadModelDb): Promise<void> => {
  const mine = events.filter(
    (positioned): positioned is PositionedEvent & { event: AgreementEvent } =>
      isAgreementEvent(positioned.event),
  );
  if (mine.length === 0) return;
  const rows = await load(
    mine.map(({ event }) => event),
    db,
  );
  for (const { event, position } of mine) {
    rows.changes.push(agreementChangeRow(event, position));
    applyTerms(event, rows);
  }
  await rows.write(db);
};

export const agreementsProjection: Projection = {
  name: 'agreements',
  tables: AGREEMENTS_TABLES,
  applyBatch,
};
