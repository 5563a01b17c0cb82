import { emptyClientAccount } from '@rebate/domain';
import type { ChangeNotifier } from '@rebate/event-store';
import { accrualsTable } from '../projections/accruals/tables';
import {
  agreementChangesTable,
  agreementPartnersTable,
  attachmentsTable,
  clientTermsTable,
} from '../projections/agreements/tables';
import { PROJECTION_NAMES } from '../projections/all-projections';
import {
  clientAccountsTable,
  clientDaysTable,
  partnerClientAccountsTable,
  partnerClientDaysTable,
  partnerDaysTable,
  partnerTotalsTable,
} from '../projections/balances/tables';
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
} from '../queries';
import type { ReadModelStorage } from '../storage/port';
import { accrual } from './accrual-answer';
import { agreement } from './agreement-answer';
import { clientBalance, clientDay, partnerBalance, partnerDay } from './balance-answers';
import { decodeCursor, encodeCursor } from './cursor';
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

  async listPartners(): Promise<readonly PartnerBalance[]> {
    return (await this.storage.rows.scan(partnerTotalsTable)).map(partnerBalance);
  }

  async partnerBalance(partnerId: string): Promise<PartnerBalance | undefined> {
    const [row] = await this.storage.rows.getMany(partnerTotalsTable, [{ partnerId }]);
    return row && partnerBalance(row);
  }

  async listClients(filter: { partnerId?: string }): Promise<readonly ClientBalance[]> {
    const rows = await this.storage.rows.scan(clientAccountsTable, {
      where: { partnerId: filter.partnerId },
    });
    return rows.map(clientBalance);
  }

  async clientBalance(clientId: string): Promise<ClientBalance | undefined> {
    const [row] = await this.storage.rows.getMany(clientAccountsTable, [{ clientId }]);
    return row && clientBalance(row);
  }

  async partnerStatement(
    partnerId: string,
    from: string,
    to: string,
  ): Promise<readonly PartnerDay[]> {
    const rows = await this.storage.rows.scan(partnerDaysTable, {
      where: { partnerId },
      range: { column: 'day', from: checkDay(from), to: checkDay(to) },
    });
    return rows.map(partnerDay);
  }

  async clientStatement(clientId: string, from: string, to: string): Promise<readonly ClientDay[]> {
    const rows = await this.storage.rows.scan(clientDaysTable, {
      where: { clientId },
      range: { column: 'day', from: checkDay(from), to: checkDay(to) },
    });
    return rows.map(clientDay);
  }

  partnerClientBalance(partnerId: string, clientId: string): Promise<ClientBalance | undefined> {
    return this.storage.snapshot(async (rows) => {
      const [row] = await rows.getMany(partnerClientAccountsTable, [{ partnerId, clientId }]);
      if (row !== undefined) return clientBalance(row);
      // Nothing attributed yet: a zero account if the client is attached to it now.
      const [client] = await rows.getMany(clientAccountsTable, [{ clientId }]);
      return client?.partnerId === partnerId
        ? clientBalance(emptyClientAccount(clientId, partnerId))
        : undefined;
    });
  }

  async partnerClientStatement(
    partnerId: string,
    clientId: string,
    from: string,
    to: string,
  ): Promise<readonly ClientDay[]> {
    const rows = await this.storage.rows.scan(partnerClientDaysTable, {
      where: { partnerId, clientId },
      range: { column: 'day', from: checkDay(from), to: checkDay(to) },
    });
    return rows.map(clientDay);
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
