import type { LedgerEvent } from '@rebate/domain';
import { keyText, selectByKeys, upsertRows } from '../../storage/batched';
import type { ReadModelDb } from '../../storage/port';
import { utcDay } from '../day';
import type { PositionedEvent, Projection } from '../projection';
import { type Leg, accountKeyOf, emptyDay, emptyTotal, legsOfEvent, withLeg } from './account-rows';
import {
  type AccountClientRow,
  type AccountDayRow,
  type AccountPartnerRow,
  type AccountTotalRow,
  accountClientsTable,
  accountDaysTable,
  accountPartnersTable,
  accountTotalsTable,
  accountTradeDaysTable,
  ACCOUNTS_TABLES,
} from './tables';

/**
 * The ledger's accounts: the domain's `postingsOf(event)` folded into debits and credits per
 * (account, asset), all time and per UTC day, plus who the partners and clients are (the
 * non-money facts a balance shows). Every balance, statement and the trial balance is a sum
 * over these rows (docs/architecture.md, "Accounts and postings").
 *
 * A batch is three reads (the close days of trades it reverses, the totals and the day rows it
 * posts to) and one multi-row upsert per table. Sums are added here with big.js, not in SQL:
 * SQLite keeps money as text and would add it as binary floats.
 */

interface Posting {
  readonly leg: Leg;
  readonly day: string;
}

const totalKey = (row: Pick<AccountTotalRow, 'partnerId' | 'clientId' | 'kind' | 'asset'>) =>
  keyText(row.partnerId, row.clientId, row.kind, row.asset);
const dayKey = (row: Pick<AccountDayRow, 'partnerId' | 'clientId' | 'kind' | 'asset' | 'day'>) =>
  keyText(row.partnerId, row.clientId, row.kind, row.asset, row.day);

/** What a batch changes besides the sums, folded in stream order. */
class Facts {
  readonly partners = new Map<string, AccountPartnerRow>();
  /** Clients attached in this batch: the last attachment wins. */
  readonly attached = new Map<string, AccountClientRow>();
  /** Clients first seen in an accrual or payout: added with no partner unless already known. */
  readonly seen = new Set<string>();
  /** Close days of trades accrued in this batch. */
  readonly tradeDays = new Map<string, string>();
  readonly postings: Posting[] = [];

  constructor(
    /** Close days of trades accrued before this batch and reversed in it. */
    private readonly storedTradeDays: ReadonlyMap<string, string>,
  ) {}

  /** The day an event's postings count on; undefined for an event that posts nothing. */
  private dayOf(event: LedgerEvent): string | undefined {
    switch (event.type) {
      case 'RebateAccrued':
        return utcDay(event.closedAt);
      case 'RebateReversed': {
        // The accrual is earlier in the same stream, so earlier in global order.
        const day = this.tradeDays.get(event.tradeId) ?? this.storedTradeDays.get(event.tradeId);
        if (day === undefined) throw new Error(`trade ${event.tradeId} reversed before accrued`);
        return day;
      }
      default:
        return 'at' in event ? utcDay(event.at) : undefined;
    }
  }

  add(event: LedgerEvent): void {
    switch (event.type) {
      case 'PartnerRegistered':
        this.partners.set(event.partnerId, {
          partnerId: event.partnerId,
          model: event.model,
          parentId: event.parentId,
        });
        break;
      case 'ClientAttached':
        this.attached.set(event.clientId, {
          clientId: event.clientId,
          partnerId: event.partnerId,
        });
        break;
      case 'RebateAccrued':
        this.tradeDays.set(event.tradeId, utcDay(event.closedAt));
        this.seen.add(event.clientId);
        break;
      case 'PayoutRequested':
        this.seen.add(event.clientId);
        break;
      default:
        break;
    }
    const legs = legsOfEvent(event);
    if (legs.length === 0) return;
    const day = this.dayOf(event);
    if (day === undefined) return;
    for (const leg of legs) this.postings.push({ leg, day });
  }
}

const storedTradeDaysOf = async (
  events: readonly PositionedEvent[],
  db: ReadModelDb,
): Promise<Map<string, string>> => {
  const accrued = new Set<string>();
  const wanted = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'RebateAccrued') accrued.add(event.tradeId);
    if (event.type === 'RebateReversed' && !accrued.has(event.tradeId)) wanted.add(event.tradeId);
  }
  const rows = await selectByKeys(
    db,
    accountTradeDaysTable,
    [...wanted].map((tradeId) => ({ tradeId })),
  );
  return new Map(rows.map((row) => [row.tradeId, row.day]));
};

/** Adds the postings to the stored sums (loaded in one query per table). */
const sumsAfter = async (postings: readonly Posting[], db: ReadModelDb) => {
  const totalKeys = new Map<string, ReturnType<typeof accountKeyOf>>();
  const dayKeys = new Map<string, ReturnType<typeof accountKeyOf> & { day: string }>();
  for (const { leg, day } of postings) {
    const key = accountKeyOf(leg);
    totalKeys.set(totalKey(key), key);
    dayKeys.set(dayKey({ ...key, day }), { ...key, day });
  }
  const totals = new Map<string, AccountTotalRow>();
  for (const row of await selectByKeys(db, accountTotalsTable, [...totalKeys.values()])) {
    totals.set(totalKey(row), row);
  }
  const days = new Map<string, AccountDayRow>();
  for (const row of await selectByKeys(db, accountDaysTable, [...dayKeys.values()])) {
    days.set(dayKey(row), row);
  }
  for (const { leg, day } of postings) {
    const key = accountKeyOf(leg);
    const total = totals.get(totalKey(key)) ?? emptyTotal(leg);
    totals.set(totalKey(key), withLeg(total, leg));
    const stored = days.get(dayKey({ ...key, day })) ?? emptyDay(leg, day);
    days.set(dayKey({ ...key, day }), withLeg(stored, leg));
  }
  // Only the rows this batch posted to (the loaded ones all are).
  return { totals: [...totals.values()], days: [...days.values()] };
};

const applyBatch = async (events: readonly PositionedEvent[], db: ReadModelDb): Promise<void> => {
  const facts = new Facts(await storedTradeDaysOf(events, db));
  for (const { event } of events) facts.add(event);
  const { totals, days } = await sumsAfter(facts.postings, db);
  await upsertRows(db, accountTotalsTable, totals);
  await upsertRows(db, accountDaysTable, days);
  await upsertRows(db, accountPartnersTable, [...facts.partners.values()]);
  await upsertRows(db, accountClientsTable, [...facts.attached.values()]);
  await upsertRows(
    db,
    accountClientsTable,
    [...facts.seen]
      .filter((clientId) => !facts.attached.has(clientId))
      .map((clientId) => ({ clientId, partnerId: null })),
    'ignore',
  );
  await upsertRows(
    db,
    accountTradeDaysTable,
    [...facts.tradeDays].map(([tradeId, day]) => ({ tradeId, day })),
  );
};

export const accountsProjection: Projection = {
  name: 'accounts',
  tables: ACCOUNTS_TABLES,
  applyBatch,
};
