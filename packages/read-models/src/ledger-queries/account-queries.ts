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
  type AccountDayRow,
  type AccountTotalRow,
  accountClientsTable as accountClientsTableDef,
  accountDaysTable as accountDaysTableDef,
  accountPartnersTable as accountPartnersTableDef,
  accountTotalsTable as accountTotalsTableDef,
} from '../projections/accounts/tables';
import type { ClientBalance, ClientDay, PartnerBalance, PartnerDay } from '../queries';
import type { RowReader } from '../storage/port';
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
import { legacy } from '../storage/legacy-table';

const accountClientsTable = legacy(accountClientsTableDef);
const accountDaysTable = legacy(accountDaysTableDef);
const accountPartnersTable = legacy(accountPartnersTableDef);
const accountTotalsTable = legacy(accountTotalsTableDef);

/** Every balance and statement, answered from the accounts projection's rows. */

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

export const listPartners = async (rows: RowReader): Promise<PartnerBalance[]> => {
  const partners = await rows.scan(accountPartnersTable);
  const figures = figuresBy(await rows.scan(accountTotalsTable), byPartner);
  const clients = countBy(await rows.scan(accountClientsTable), (client) => client.partnerId);
  return partners.map(({ partnerId, model }) =>
    partnerBalance({
      ...partnerTotalsOf(partnerId, figures.get(partnerId) ?? NO_FIGURES),
      model,
      clients: clients.get(partnerId) ?? 0,
    }),
  );
};

/** The sums over one partner's rows (its partner, broker and client accounts). */
export const partnerFiguresOf = async (rows: RowReader, partnerId: string): Promise<Figures> => {
  const totals = await rows.scan(accountTotalsTable, { where: { partnerId } });
  return figuresBy(totals, byPartner).get(partnerId) ?? NO_FIGURES;
};

export const partnerBalanceOf = async (
  rows: RowReader,
  partnerId: string,
): Promise<PartnerBalance | undefined> => {
  const [partner] = await rows.getMany(accountPartnersTable, [{ partnerId }]);
  if (partner === undefined) return undefined;
  const clients = await rows.scan(accountClientsTable, { where: { partnerId } });
  return partnerBalance({
    ...partnerTotalsOf(partnerId, await partnerFiguresOf(rows, partnerId)),
    model: partner.model,
    clients: clients.length,
  });
};

/**
 * Clients with their whole accounts (every partner's part), all of them or those attached to
 * one partner now: what finance and admins read.
 */
export const listClients = async (
  rows: RowReader,
  filter: { partnerId?: string },
): Promise<ClientBalance[]> => {
  const clients = await rows.scan(accountClientsTable, { where: { partnerId: filter.partnerId } });
  const figures = figuresBy(await rows.scan(accountTotalsTable), byClient);
  return clients.map(({ clientId, partnerId }) =>
    clientBalanceFrom(clientId, partnerId, figures.get(clientId) ?? NO_FIGURES),
  );
};

/** The clients attached to a partner now, each with only the part attributed to that partner. */
export const listPartnerClients = async (
  rows: RowReader,
  partnerId: string,
): Promise<ClientBalance[]> => {
  const clients = await rows.scan(accountClientsTable, { where: { partnerId } });
  const figures = figuresBy(
    await rows.scan(accountTotalsTable, { where: { partnerId } }),
    byClient,
  );
  return clients.map(({ clientId }) =>
    clientBalanceFrom(clientId, partnerId, figures.get(clientId) ?? NO_FIGURES),
  );
};

export const clientBalanceOf = async (
  rows: RowReader,
  clientId: string,
): Promise<ClientBalance | undefined> => {
  const [client] = await rows.getMany(accountClientsTable, [{ clientId }]);
  if (client === undefined) return undefined;
  const totals = await rows.scan(accountTotalsTable, { where: { clientId } });
  const figures = figuresBy(totals, byClient).get(clientId) ?? NO_FIGURES;
  return clientBalanceFrom(clientId, client.partnerId, figures);
};

/**
 * A client's part attributed to one partner; zero while attached to it with nothing attributed
 * yet; undefined if neither.
 */
export const partnerClientBalanceOf = async (
  rows: RowReader,
  partnerId: string,
  clientId: string,
): Promise<ClientBalance | undefined> => {
  const totals = await rows.scan(accountTotalsTable, { where: { partnerId, clientId } });
  if (totals.length > 0) {
    const figures = figuresBy(totals, byClient).get(clientId) ?? NO_FIGURES;
    return clientBalanceFrom(clientId, partnerId, figures);
  }
  const [client] = await rows.getMany(accountClientsTable, [{ clientId }]);
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
  rows: RowReader,
  partnerId: string,
  from: string,
  to: string,
): Promise<PartnerDay[]> => {
  const found = await rows.scan(accountDaysTable, {
    where: { partnerId },
    range: { column: 'day', from, to },
  });
  return daysOf(found, hasPartnerActivity).map(({ day, figures }) =>
    partnerDay(day, partnerTotalsOf(partnerId, figures)),
  );
};

/** A client's days, all partners' parts or (with `partnerId`) one partner's part. */
export const clientStatementOf = async (
  rows: RowReader,
  clientId: string,
  from: string,
  to: string,
  partnerId?: string,
): Promise<ClientDay[]> => {
  const found = await rows.scan(accountDaysTable, {
    where: { clientId, partnerId },
    range: { column: 'day', from, to },
  });
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
export const trialBalanceFromRows = async (rows: RowReader): Promise<TrialBalanceDocument> => {
  const balances = new AccountBalances();
  for (const row of await rows.scan(accountTotalsTable))
    balances.move(accountOfRow(row), assetOf(row), row.credits.minus(row.debits));
  return trialBalanceOf(balances.lines());
};
