import type { ChangeNotifier } from '@rebate/event-store';
import { accrualsTable } from '../projections/accruals/tables';
import {
  agreementChangesTable,
  agreementPartnersTable,
  attachmentsTable,
  clientTermsTable,
} from '../projections/agreements/tables';
import { PROJECTION_NAMES } from '../projections/all-projections';
import type {
  Accrual,
  AccrualFilter,
  Agreement,
  ClientBalance,
  ClientDay,
  LedgerQueries,
  Page,
  PartnerBalance,
  PartnerDay,
  SubPartner,
  SubPartnerDay,
  TrialBalance,
} from '../queries';
import type { ReadModelStorage } from '../storage/port';
import { accrual } from './accrual-answer';
import { agreement } from './agreement-answer';
import {
  clientBalanceOf,
  clientStatementOf,
  listClients,
  listPartnerClients,
  listPartners,
  partnerBalanceOf,
  partnerClientBalanceOf,
  partnerStatementOf,
  trialBalanceFromRows,
} from './account-queries';
import { decodeCursor, encodeCursor } from './cursor';
import type {
  ClientReconciliation,
  PartnerReconciliation,
  ReconciliationRange,
} from './reconciliation-documents';
import { clientReconciliationOf, partnerReconciliationOf } from './reconciliation-queries';
import { subPartnerStatementOf, subPartnersOf } from './sub-partner-queries';
import { waitForPosition } from './wait-for-position';

export const MAX_PAGE_SIZE = 1000;

export interface LedgerQueriesOptions {
  /** Woken by this process's projection runners, so `waitForPosition` returns at once. */
  readonly progress?: ChangeNotifier;
  /** How often `waitForPosition` re-reads checkpoints (runners in other processes). Default 25 ms. */
  readonly pollIntervalMs?: number;
  /** Projections `position()` covers. Default: all. */
  readonly projections?: readonly string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const checkDay = (day: string): string => {
  if (!DAY.test(day)) throw new RangeError(`${day} is not a day (YYYY-MM-DD)`);
  return day;
};

/** `LedgerQueries` over the read-model tables, on either adapter. */
export class SqlLedgerQueries implements LedgerQueries {
  private readonly projections: readonly string[];

  constructor(
    private readonly storage: ReadModelStorage,
    private readonly options: LedgerQueriesOptions = {},
  ) {
    this.projections = options.projections ?? PROJECTION_NAMES;
  }

  listPartners(): Promise<readonly PartnerBalance[]> {
    return this.storage.snapshot((db) => listPartners(db));
  }

  partnerBalance(partnerId: string): Promise<PartnerBalance | undefined> {
    return this.storage.snapshot((db) => partnerBalanceOf(db, partnerId));
  }

  listClients(filter: { partnerId?: string }): Promise<readonly ClientBalance[]> {
    return this.storage.snapshot((db) => listClients(db, filter));
  }

  listPartnerClients(partnerId: string): Promise<readonly ClientBalance[]> {
    return this.storage.snapshot((db) => listPartnerClients(db, partnerId));
  }

  clientBalance(clientId: string): Promise<ClientBalance | undefined> {
    return this.storage.snapshot((db) => clientBalanceOf(db, clientId));
  }

  async partnerStatement(
    partnerId: string,
    from: string,
    to: string,
  ): Promise<readonly PartnerDay[]> {
    const [first, last] = [checkDay(from), checkDay(to)];
    return this.storage.read((db) => partnerStatementOf(db, partnerId, first, last));
  }

  async clientStatement(clientId: string, from: string, to: string): Promise<readonly ClientDay[]> {
    const [first, last] = [checkDay(from), checkDay(to)];
    return this.storage.read((db) => clientStatementOf(db, clientId, first, last));
  }

  partnerClientBalance(partnerId: string, clientId: string): Promise<ClientBalance | undefined> {
    return this.storage.snapshot((db) => partnerClientBalanceOf(db, partnerId, clientId));
  }

  async partnerClientStatement(
    partnerId: string,
    clientId: string,
    from: string,
    to: string,
  ): Promise<readonly ClientDay[]> {
    const [first, last] = [checkDay(from), checkDay(to)];
    return this.storage.read((db) => clientStatementOf(db, clientId, first, last, partnerId));
  }

  subPartners(partnerId: string): Promise<readonly SubPartner[] | undefined> {
    return this.storage.snapshot((db) => subPartnersOf(db, partnerId));
  }

  async subPartnerStatement(
    partnerId: string,
    subPartnerId: string,
    from: string,
    to: string,
  ): Promise<readonly SubPartnerDay[] | undefined> {
    const [first, last] = [checkDay(from), checkDay(to)];
    return this.storage.snapshot((db) =>
      subPartnerStatementOf(db, partnerId, subPartnerId, first, last),
    );
  }

  trialBalance(): Promise<TrialBalance> {
    return this.storage.snapshot((db) => trialBalanceFromRows(db));
  }

  async partnerReconciliation(range: ReconciliationRange): Promise<PartnerReconciliation> {
    const days = { ...range, from: checkDay(range.from), to: checkDay(range.to) };
    return this.storage.snapshot((db) => partnerReconciliationOf(db, days));
  }

  async clientReconciliation(range: ReconciliationRange): Promise<ClientReconciliation> {
    const days = { ...range, from: checkDay(range.from), to: checkDay(range.to) };
    return this.storage.snapshot((db) => clientReconciliationOf(db, days));
  }

  async accruals(
    filter: AccrualFilter,
    page: { cursor?: string; limit: number },
  ): Promise<Page<Accrual>> {
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    // One row more than asked tells whether another page follows.
    const { partnerId, clientId } = filter;
    const rows = (
      await this.storage.read((db) =>
        db
          .selectFrom('accruals')
          .selectAll()
          .$if(partnerId !== undefined, (query) =>
            query.where('partnerId', '=', partnerId as string),
          )
          .$if(clientId !== undefined, (query) => query.where('clientId', '=', clientId as string))
          .$if(after !== undefined, (query) => query.where('position', '>', after as bigint))
          .orderBy('position')
          .limit(page.limit + 1)
          .execute(),
      )
    ).map((row) => accrualsTable.decode(row));
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(accrual),
      nextCursor: rows.length > page.limit && last ? encodeCursor(last.position) : null,
    };
  }

  agreement(partnerId: string): Promise<Agreement | undefined> {
    return this.storage.snapshot(async (db) => {
      const partner = await db
        .selectFrom('agreementPartners')
        .selectAll()
        .where('partnerId', '=', partnerId)
        .executeTakeFirst();
      if (partner === undefined) return undefined;
      const attached = await db
        .selectFrom('agreementAttachments')
        .selectAll()
        .where('partnerId', '=', partnerId)
        .orderBy('clientId')
        .execute();
      const terms = await db
        .selectFrom('agreementClientTerms')
        .selectAll()
        .where('partnerId', '=', partnerId)
        .orderBy('clientId')
        .execute();
      const history = await db
        .selectFrom('agreementChanges')
        .selectAll()
        .where('partnerId', '=', partnerId)
        .orderBy('position')
        .execute();
      return agreement(
        agreementPartnersTable.decode(partner),
        attached.map((row) => attachmentsTable.decode(row).clientId),
        terms.map((row) => clientTermsTable.decode(row)),
        history.map((row) => agreementChangesTable.decode(row)),
      );
    });
  }

  async position(): Promise<bigint | undefined> {
    const checkpoints = await this.storage.checkpoints();
    let lowest: bigint | undefined;
    for (const projection of this.projections) {
      const checkpoint = checkpoints.get(projection);
      if (checkpoint === undefined) return undefined;
      if (lowest === undefined || checkpoint < lowest) lowest = checkpoint;
    }
    return lowest;
  }

  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    return waitForPosition(
      {
        position: () => this.position(),
        progress: this.options.progress,
        pollIntervalMs: this.options.pollIntervalMs ?? 25,
      },
      position,
      timeoutMs,
    );
  }
}
