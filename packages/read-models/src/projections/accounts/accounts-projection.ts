import type { LedgerEvent } from '@rebate/domain';
import type { WorkingSet } from '../../storage/working-set';
import { utcDay } from '../day';
import type { PositionedEvent, Projection } from '../projection';
import { type Leg, accountKeyOf, emptyDay, emptyTotal, legsOfEvent, withLeg } from './account-rows';
import {
  accountClientsTable as accountClientsTableDef,
  accountDaysTable as accountDaysTableDef,
  accountPartnersTable as accountPartnersTableDef,
  accountTotalsTable as accountTotalsTableDef,
  accountTradeDaysTable as accountTradeDaysTableDef,
} from './tables';
import { legacy } from '../../storage/legacy-table';

const accountClientsTable = legacy(accountClientsTableDef);
const accountDaysTable = legacy(accountDaysTableDef);
const accountPartnersTable = legacy(accountPartnersTableDef);
const accountTotalsTable = legacy(accountTotalsTableDef);
const accountTradeDaysTable = legacy(accountTradeDaysTableDef);

/**
 * The ledger's accounts: the domain's `postingsOf(event)` folded into debits and credits per
 * (account, asset), all time and per UTC day, plus who the partners and clients are (the
 * non-money facts a balance shows). Every balance, statement and the trial balance is a sum
 * over these rows (docs/architecture.md, "Accounts and postings").
 */

/** The day an event's postings count on; undefined for an event that posts nothing. */
const dayOf = async (event: LedgerEvent, rows: WorkingSet): Promise<string | undefined> => {
  switch (event.type) {
    case 'RebateAccrued':
      return utcDay(event.closedAt);
    case 'RebateReversed': {
      // The accrual is earlier in the same stream, so earlier in global order.
      const trade = await rows.get(accountTradeDaysTable, { tradeId: event.tradeId });
      if (trade === undefined) throw new Error(`trade ${event.tradeId} reversed before accrued`);
      return trade.day;
    }
    default:
      return 'at' in event ? utcDay(event.at) : undefined;
  }
};

/** The legs an event posts and their day, for `apply` and the prefetch alike. */
export const legsAndDay = async (
  event: LedgerEvent,
  rows: WorkingSet,
): Promise<{ legs: Leg[]; day: string } | undefined> => {
  const legs = legsOfEvent(event);
  if (legs.length === 0) return undefined;
  const day = await dayOf(event, rows);
  return day === undefined ? undefined : { legs, day };
};

const postLeg = async (rows: WorkingSet, leg: Leg, day: string): Promise<void> => {
  const key = accountKeyOf(leg);
  const total = (await rows.get(accountTotalsTable, key)) ?? emptyTotal(leg);
  rows.put(accountTotalsTable, withLeg(total, leg));
  const stored = (await rows.get(accountDaysTable, { ...key, day })) ?? emptyDay(leg, day);
  rows.put(accountDaysTable, withLeg(stored, leg));
};

/** A client is known from its first attachment, accrual or payout. */
const knowClient = async (rows: WorkingSet, clientId: string, partnerId: string | null) => {
  if ((await rows.get(accountClientsTable, { clientId })) === undefined)
    rows.put(accountClientsTable, { clientId, partnerId });
};

const apply = async ({ event }: PositionedEvent, rows: WorkingSet): Promise<void> => {
  switch (event.type) {
    case 'PartnerRegistered':
      rows.put(accountPartnersTable, {
        partnerId: event.partnerId,
        model: event.model,
        parentId: event.parentId,
      });
      break;
    case 'ClientAttached':
      rows.put(accountClientsTable, { clientId: event.clientId, partnerId: event.partnerId });
      break;
    case 'RebateAccrued':
      rows.put(accountTradeDaysTable, { tradeId: event.tradeId, day: utcDay(event.closedAt) });
      await knowClient(rows, event.clientId, null);
      break;
    case 'PayoutRequested':
      await knowClient(rows, event.clientId, null);
      break;
    default:
      break;
  }
  const posted = await legsAndDay(event, rows);
  if (posted === undefined) return;
  for (const leg of posted.legs) await postLeg(rows, leg, posted.day);
};

/** Loads the rows a batch touches in one query per table (reversals' trade days first). */
const prefetch = async (events: readonly PositionedEvent[], rows: WorkingSet): Promise<void> => {
  await rows.load(
    accountTradeDaysTable,
    events.flatMap(({ event }) =>
      event.type === 'RebateReversed' ? [{ tradeId: event.tradeId }] : [],
    ),
  );
  const totals: ReturnType<typeof accountKeyOf>[] = [];
  const days: (ReturnType<typeof accountKeyOf> & { day: string })[] = [];
  const clients: { clientId: string }[] = [];
  const accrued = new Map<string, string>();
  for (const { event } of events) {
    if ('clientId' in event && event.clientId !== null) clients.push({ clientId: event.clientId });
    if (event.type === 'RebateAccrued') accrued.set(event.tradeId, utcDay(event.closedAt));
    // A trade accrued and reversed in one batch: its day is not stored yet.
    const day =
      event.type === 'RebateReversed' && accrued.has(event.tradeId)
        ? accrued.get(event.tradeId)
        : (await legsAndDay(event, rows).catch(() => undefined))?.day;
    if (day === undefined) continue;
    for (const leg of legsOfEvent(event)) {
      const key = accountKeyOf(leg);
      totals.push(key);
      days.push({ ...key, day });
    }
  }
  await rows.load(accountClientsTable, clients);
  await rows.load(accountTotalsTable, totals);
  await rows.load(accountDaysTable, days);
};

export const accountsProjection: Projection = {
  name: 'accounts',
  tables: [
    accountTotalsTableDef,
    accountDaysTableDef,
    accountPartnersTableDef,
    accountClientsTableDef,
    accountTradeDaysTableDef,
  ],
  prefetch,
  apply,
};
