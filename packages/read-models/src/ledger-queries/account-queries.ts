import {
  type Account,
  AccountBalances,
  type Asset,
  type TrialBalanceDocument,
  emptyClientAccount,
  isAsset,
  trialBalanceOf,
} from '@rebate/domain';
import {
  type AccountClientRow,
  type AccountDayRow,
  type AccountPartnerRow,
  type AccountTotalRow,
  accountClientsTable,
  accountDaysTable,
  accountPartnersTable,
  accountTotalsTable,
} from '../projections/accounts/tables';
import type { ClientBalance, ClientDay, PartnerBalance, PartnerDay } from '../queries';
import type { ReadModelDb } from '../storage/port';
import {
  type Figures,
  NO_FIGURES,
  clientAccountOf,
  figuresBy,
  hasClientActivity,
  hasPartnerActivity,
  partnerTotalsOf,
  payoutFiguresOf,
} from './account-figures';
import { clientBalance, clientDay, partnerBalance, partnerDay } from './balance-answers';

/**
 * Every balance and statement, answered from the accounts projection's rows: Kysely queries
 * in key order (as the figures are folded in first-seen order), each row decoded by its table.
 */

export const partners = async (db: ReadModelDb): Promise<AccountPartnerRow[]> =>
  (await db.selectFrom('accountPartners').selectAll().orderBy('partnerId').execute()).map((row) =>
    accountPartnersTable.decode(row),
  );

const partnerOf = async (
  db: ReadModelDb,
  partnerId: string,
): Promise<AccountPartnerRow | undefined> => {
  const row = await db
    .selectFrom('accountPartners')
    .selectAll()
    .where('partnerId', '=', partnerId)
    .executeTakeFirst();
  return row === undefined ? undefined : accountPartnersTable.decode(row);
};

/** Clients, all or those attached to `partnerId` now. */
const clients = async (db: ReadModelDb, partnerId?: string): Promise<AccountClientRow[]> =>
  (
    await db
      .selectFrom('accountClients')
      .selectAll()
      .$if(partnerId !== undefined, (query) => query.where('partnerId', '=', partnerId as string))
      .orderBy('clientId')
      .execute()
  ).map((row) => accountClientsTable.decode(row));

const clientOf = async (
  db: ReadModelDb,
  clientId: string,
): Promise<AccountClientRow | undefined> => {
  const row = await db
    .selectFrom('accountClients')
    .selectAll()
    .where('clientId', '=', clientId)
    .executeTakeFirst();
  return row === undefined ? undefined : accountClientsTable.decode(row);
};

export interface AccountFilter {
  readonly partnerId?: string | undefined;
  readonly clientId?: string | undefined;
}

const totals = async (db: ReadModelDb, filter: AccountFilter = {}): Promise<AccountTotalRow[]> =>
  (
    await db
      .selectFrom('accountTotals')
      .selectAll()
      .$if(filter.partnerId !== undefined, (query) =>
        query.where('partnerId', '=', filter.partnerId as string),
      )
      .$if(filter.clientId !== undefined, (query) =>
        query.where('clientId', '=', filter.clientId as string),
      )
      .orderBy('partnerId')
      .orderBy('clientId')
      .orderBy('kind')
      .orderBy('asset')
      .execute()
  ).map((row) => accountTotalsTable.decode(row));

/** Day rows from `from` to `to` (inclusive), in key order. */
export const accountDayRows = async (
  db: ReadModelDb,
  filter: AccountFilter,
  from: string,
  to: string,
): Promise<AccountDayRow[]> =>
  (
    await db
      .selectFrom('accountDays')
      .selectAll()
      .$if(filter.partnerId !== undefined, (query) =>
        query.where('partnerId', '=', filter.partnerId as string),
      )
      .$if(filter.clientId !== undefined, (query) =>
        query.where('clientId', '=', filter.clientId as string),
      )
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('partnerId')
      .orderBy('clientId')
      .orderBy('kind')
      .orderBy('asset')
      .orderBy('day')
      .execute()
  ).map((row) => accountDaysTable.decode(row));

const byClient = (row: AccountTotalRow) => row.clientId;
const byPartner = (row: AccountTotalRow) => row.partnerId;

const countBy = <T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
};

const clientBalanceFrom = (
  clientId: string,
  partnerId: string | null,
  figures: Figures,
): ClientBalance =>
  clientBalance(clientAccountOf(clientId, partnerId, figures), payoutFiguresOf(figures));

export const listPartners = async (db: ReadModelDb): Promise<PartnerBalance[]> => {
  const registered = await partners(db);
  const figures = figuresBy(await totals(db), byPartner);
  const counts = countBy(await clients(db), (client) => client.partnerId);
  return registered.map(({ partnerId, model }) =>
    partnerBalance({
      ...partnerTotalsOf(partnerId, figures.get(partnerId) ?? NO_FIGURES),
      model,
      clients: counts.get(partnerId) ?? 0,
    }),
  );
};

/** The sums over one partner's rows (its partner, broker and client accounts). */
export const partnerFiguresOf = async (db: ReadModelDb, partnerId: string): Promise<Figures> =>
  figuresBy(await totals(db, { partnerId }), byPartner).get(partnerId) ?? NO_FIGURES;

export const partnerBalanceOf = async (
  db: ReadModelDb,
  partnerId: string,
): Promise<PartnerBalance | undefined> => {
  const partner = await partnerOf(db, partnerId);
  if (partner === undefined) return undefined;
  const attached = await clients(db, partnerId);
  return partnerBalance({
    ...partnerTotalsOf(partnerId, await partnerFiguresOf(db, partnerId)),
    model: partner.model,
    clients: attached.length,
  });
};

/**
 * Clients with their whole accounts (every partner's part), all of them or those attached to
 * one partner now: what finance and admins read.
 */
export const listClients = async (
  db: ReadModelDb,
  filter: { partnerId?: string },
): Promise<ClientBalance[]> => {
  const listed = await clients(db, filter.partnerId);
  const figures = figuresBy(await totals(db), byClient);
  return listed.map(({ clientId, partnerId }) =>
    clientBalanceFrom(clientId, partnerId, figures.get(clientId) ?? NO_FIGURES),
  );
};

/** The clients attached to a partner now, each with only the part attributed to that partner. */
export const listPartnerClients = async (
  db: ReadModelDb,
  partnerId: string,
): Promise<ClientBalance[]> => {
  const attached = await clients(db, partnerId);
  const figures = figuresBy(await totals(db, { partnerId }), byClient);
  return attached.map(({ clientId }) =>
    clientBalanceFrom(clientId, partnerId, figures.get(clientId) ?? NO_FIGURES),
  );
};

export const clientBalanceOf = async (
  db: ReadModelDb,
  clientId: string,
): Promise<ClientBalance | undefined> => {
  const client = await clientOf(db, clientId);
  if (client === undefined) return undefined;
  const figures = figuresBy(await totals(db, { clientId }), byClient).get(clientId) ?? NO_FIGURES;
  return clientBalanceFrom(clientId, client.partnerId, figures);
};

/**
 * A client's part attributed to one partner; zero while attached to it with nothing attributed
 * yet; undefined if neither.
 */
export const partnerClientBalanceOf = async (
  db: ReadModelDb,
  partnerId: string,
  clientId: string,
): Promise<ClientBalance | undefined> => {
  const found = await totals(db, { partnerId, clientId });
  if (found.length > 0) {
    const figures = figuresBy(found, byClient).get(clientId) ?? NO_FIGURES;
    return clientBalanceFrom(clientId, partnerId, figures);
  }
  const client = await clientOf(db, clientId);
  return client?.partnerId === partnerId
    ? clientBalance(emptyClientAccount(clientId, partnerId))
    : undefined;
};

const daysOf = (rows: readonly AccountDayRow[], keep: (rows: AccountDayRow[]) => boolean) => {
  const byDay = new Map<string, AccountDayRow[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  return [...byDay.entries()]
    .filter(([, dayRows]) => keep(dayRows))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, dayRows]) => ({
      day,
      figures: figuresBy(dayRows, () => day).get(day) ?? NO_FIGURES,
    }));
};

export const partnerStatementOf = async (
  db: ReadModelDb,
  partnerId: string,
  from: string,
  to: string,
): Promise<PartnerDay[]> => {
  const found = await accountDayRows(db, { partnerId }, from, to);
  return daysOf(found, hasPartnerActivity).map(({ day, figures }) =>
    partnerDay(day, partnerTotalsOf(partnerId, figures)),
  );
};

/** A client's days, all partners' parts or (with `partnerId`) one partner's part. */
export const clientStatementOf = async (
  db: ReadModelDb,
  clientId: string,
  from: string,
  to: string,
  partnerId?: string,
): Promise<ClientDay[]> => {
  const found = await accountDayRows(db, { clientId, partnerId }, from, to);
  return daysOf(found, hasClientActivity).map(({ day, figures }) =>
    clientDay(day, clientAccountOf(clientId, partnerId ?? null, figures)),
  );
};

const orNull = (id: string): string | null => (id === '' ? null : id);

/** The account a row belongs to, from its key columns. */
const accountOfRow = (row: AccountTotalRow): Account => {
  switch (row.kind) {
    case 'broker':
    case 'partner':
      return { kind: row.kind, partnerId: row.partnerId };
    case 'partner-override-paid':
    case 'partner-override-received':
      return { kind: 'partner', partnerId: row.partnerId };
    case 'client':
    case 'payouts-in-flight':
    case 'payouts-paid':
      return { kind: row.kind, partnerId: orNull(row.partnerId), clientId: row.clientId };
    case 'market':
      return { kind: 'market' };
    default:
      throw new TypeError(`account_totals row of unknown kind ${row.kind}`);
  }
};

const assetOf = (row: AccountTotalRow): Asset => {
  if (!isAsset(row.asset)) throw new TypeError(`account_totals row of unknown asset ${row.asset}`);
  return row.asset;
};

/**
 * Every account's balance per asset and the totals (zero), as the CLI's replay answers it: an
 * account's rows of several kinds (partner:P's overrides) fold into one line.
 */
export const trialBalanceFromRows = async (db: ReadModelDb): Promise<TrialBalanceDocument> => {
  const balances = new AccountBalances();
  for (const row of await totals(db))
    balances.move(accountOfRow(row), assetOf(row), row.credits.minus(row.debits));
  return trialBalanceOf(balances.lines());
};
