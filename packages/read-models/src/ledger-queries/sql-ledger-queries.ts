import type { ChangeNotifier } from '@rebate/event-store';
import { accrualsTable as accrualsTableDef } from '../projections/accruals/tables';
import {
  agreementChangesTable as agreementChangesTableDef,
  agreementPartnersTable as agreementPartnersTableDef,
  attachmentsTable as attachmentsTableDef,
  clientTermsTable as clientTermsTableDef,
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
import { subPartnerStatementOf, subPartnersOf } from './sub-partner-queries';
import { waitForPosition } from './wait-for-position';
import { legacy } from '../storage/legacy-table';

const accrualsTable = legacy(accrualsTableDef);
const agreementChangesTable = legacy(agreementChangesTableDef);
const agreementPartnersTable = legacy(agreementPartnersTableDef);
const attachmentsTable = legacy(attachmentsTableDef);
const clientTermsTable = legacy(clientTermsTableDef);

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
    return this.storage.snapshot((rows) => listPartners(rows));
  }

  partnerBalance(partnerId: string): Promise<PartnerBalance | undefined> {
    return this.storage.snapshot((rows) => partnerBalanceOf(rows, partnerId));
  }

  listClients(filter: { partnerId?: string }): Promise<readonly ClientBalance[]> {
    return this.storage.snapshot((rows) => listClients(rows, filter));
  }

  listPartnerClients(partnerId: string): Promise<readonly ClientBalance[]> {
    return this.storage.snapshot((rows) => listPartnerClients(rows, partnerId));
  }

  clientBalance(clientId: string): Promise<ClientBalance | undefined> {
    return this.storage.snapshot((rows) => clientBalanceOf(rows, clientId));
  }

  async partnerStatement(
    partnerId: string,
    from: string,
    to: string,
  ): Promise<readonly PartnerDay[]> {
    return partnerStatementOf(this.storage.rows, partnerId, checkDay(from), checkDay(to));
  }

  async clientStatement(clientId: string, from: string, to: string): Promise<readonly ClientDay[]> {
    return clientStatementOf(this.storage.rows, clientId, checkDay(from), checkDay(to));
  }

  partnerClientBalance(partnerId: string, clientId: string): Promise<ClientBalance | undefined> {
    return this.storage.snapshot((rows) => partnerClientBalanceOf(rows, partnerId, clientId));
  }

  async partnerClientStatement(
    partnerId: string,
    clientId: string,
    from: string,
    to: string,
  ): Promise<readonly ClientDay[]> {
    return clientStatementOf(this.storage.rows, clientId, checkDay(from), checkDay(to), partnerId);
  }

  subPartners(partnerId: string): Promise<readonly SubPartner[] | undefined> {
    return this.storage.snapshot((rows) => subPartnersOf(rows, partnerId));
  }

  async subPartnerStatement(
    partnerId: string,
    subPartnerId: string,
    from: string,
    to: string,
  ): Promise<readonly SubPartnerDay[] | undefined> {
    const [first, last] = [checkDay(from), checkDay(to)];
    return this.storage.snapshot((rows) =>
      subPartnerStatementOf(rows, partnerId, subPartnerId, first, last),
    );
  }

  trialBalance(): Promise<TrialBalance> {
    return this.storage.snapshot((rows) => trialBalanceFromRows(rows));
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
    const rows = await this.storage.rows.scan(accrualsTable, {
      where: { partnerId: filter.partnerId, clientId: filter.clientId },
      range: { column: 'position', after },
      orderBy: ['position'],
      limit: page.limit + 1,
    });
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(accrual),
      nextCursor: rows.length > page.limit && last ? encodeCursor(last.position) : null,
    };
  }

  agreement(partnerId: string): Promise<Agreement | undefined> {
    return this.storage.snapshot(async (rows) => {
      const [partner] = await rows.getMany(agreementPartnersTable, [{ partnerId }]);
      if (partner === undefined) return undefined;
      const attached = await rows.scan(attachmentsTable, {
        where: { partnerId },
        orderBy: ['clientId'],
      });
      const terms = await rows.scan(clientTermsTable, { where: { partnerId } });
      const history = await rows.scan(agreementChangesTable, {
        where: { partnerId },
        orderBy: ['position'],
      });
      return agreement(
        partner,
        attached.map((row) => row.clientId),
        terms,
        history,
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
