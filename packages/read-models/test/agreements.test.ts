import fc from 'fast-check';
import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import {
  type AgreementBook,
  type AgreementEvent,
  type Big,
  emptyBook,
  evolveBook,
  formatDecimal,
  latest,
} from '@rebate/domain';
import { AGREEMENTS_STREAM, fromRecorded } from '@rebate/ledger';
import { type Agreement, SqlLedgerQueries } from '../src';
import { propertySeed, scenarioLines } from '@rebate/test-support';
import { catchUp, resetAll } from './support/projections';
import { type Line, applyLines, numRuns } from './support/scenario';
import { SETUPS } from './support/setups';

const decimalOrNull = (value: Big | null | undefined) =>
  value === null || value === undefined ? null : formatDecimal(value);

/** The agreement view the domain's own book gives: `evolveBook`, then the latest of each history. */
const fromBook = async (store: EventStore): Promise<Map<string, Agreement>> => {
  let book: AgreementBook = emptyBook;
  const events: { event: AgreementEvent; position: bigint }[] = [];
  for await (const recorded of store.readStream(AGREEMENTS_STREAM)) {
    const event = fromRecorded(recorded) as AgreementEvent;
    book = evolveBook(book, event);
    events.push({ event, position: recorded.position });
  }
  const views = new Map<string, Agreement>();
  for (const [partnerId, partner] of book.partners) {
    const attached = [...book.attachments.entries()]
      .filter(([, history]) => latest(history)?.value === partnerId)
      .map(([clientId]) => clientId)
      .sort();
    views.set(partnerId, {
      partnerId,
      model: partner.model,
      defaultRate: decimalOrNull(latest(partner.defaultRate)?.value),
      suspended: latest(partner.suspended)?.value ?? false,
      clients: attached.map((clientId) => {
        const terms = partner.clients.get(clientId);
        return {
          clientId,
          individualRate: decimalOrNull(latest(terms?.individualRate)?.value),
          suspended: latest(terms?.suspended)?.value ?? false,
          cancelled: latest(terms?.cancelled)?.value ?? false,
        };
      }),
      history: events
        .filter(({ event }) => 'partnerId' in event && event.partnerId === partnerId)
        .map(({ event, position }) => ({
          position: position.toString(),
          type: event.type,
          clientId: 'clientId' in event ? event.clientId : null,
          percent:
            event.type === 'RebateRateSet' || event.type === 'OverrideRateSet'
              ? formatDecimal(event.percent)
              : null,
          usdPerLot: event.type === 'RemunerationSet' ? formatDecimal(event.usdPerLot) : null,
          accountType: event.type === 'RemunerationSet' ? event.accountType : null,
          at: event.at,
        })),
    });
  }
  return views;
};

const at = (minute: number) =>
  new Date(Date.UTC(2026, 8, 1, 0, minute)).toISOString().replace('.000Z', 'Z');

const example: Line[] = [
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: at(0) },
  { type: 'register-partner', partnerId: 'P2', model: 'introducer', at: at(0) },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: at(1) },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C2', at: at(1) },
  { type: 'set-rebate-rate', partnerId: 'P1', percent: '20', at: at(2) },
  { type: 'set-rebate-rate', partnerId: 'P1', clientId: 'C1', percent: '35.5', at: at(3) },
  { type: 'suspend-rebates', partnerId: 'P1', clientId: 'C2', at: at(4) },
  { type: 'cancel-rebates', partnerId: 'P1', clientId: 'C2', at: at(5) },
  { type: 'set-remuneration', partnerId: 'P1', accountType: 'ECN', usdPerLot: '3.25', at: at(6) },
  { type: 'attach-client', partnerId: 'P2', clientId: 'C1', at: at(7) },
];

describe.each(SETUPS)('agreements read model on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('terms now, clients attached now, and the history', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      await applyLines(store, example);
      await catchUp(store, storage);
      const queries = new SqlLedgerQueries(storage);
      const p1 = await queries.agreement('P1');
      expect(p1).toMatchObject({
        partnerId: 'P1',
        model: 'agent',
        defaultRate: '20',
        suspended: false,
        // C1 moved to P2: P1 keeps its terms for C1 but does not list it.
        clients: [{ clientId: 'C2', individualRate: null, suspended: true, cancelled: true }],
      });
      expect(p1?.history.map((change) => change.type)).toEqual([
        'PartnerRegistered',
        'ClientAttached',
        'ClientAttached',
        'RebateRateSet',
        'RebateRateSet',
        'RebatesSuspended',
        'RebatesCancelled',
        'RemunerationSet',
      ]);
      expect(p1?.history[4]).toMatchObject({ clientId: 'C1', percent: '35.5', at: at(3) });
      expect(p1?.history[7]).toMatchObject({ usdPerLot: '3.25', accountType: 'ECN' });
      expect(await queries.agreement('P2')).toMatchObject({
        model: 'introducer',
        defaultRate: null,
        clients: [{ clientId: 'C1', individualRate: null, suspended: false, cancelled: false }],
      });
      expect(await queries.agreement('nobody')).toBeUndefined();

      // Back to P1: its old terms for C1 apply again.
      await applyLines(
        store,
        [{ type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: at(8) }],
        'back',
      );
      await catchUp(store, storage);
      expect((await queries.agreement('P1'))?.clients).toEqual([
        { clientId: 'C1', individualRate: '35.5', suspended: false, cancelled: false },
        { clientId: 'C2', individualRate: null, suspended: true, cancelled: true },
      ]);
      expect(await queries.partnerBalance('P1')).toMatchObject({ clients: 2 });
      expect(await queries.partnerBalance('P2')).toMatchObject({ clients: 0 });
    } finally {
      await storage.close();
      await store.close();
    }
  });

  test('equals the agreement book (evolveBook + latest) for random scenarios', async () => {
    const storage = await setup.openStorage();
    const queries = new SqlLedgerQueries(storage);
    try {
      await fc.assert(
        fc.asyncProperty(scenarioLines, async (lines) => {
          const store = openSqliteEventStore({ path: ':memory:' });
          try {
            await resetAll(storage);
            await applyLines(store, lines);
            await catchUp(store, storage, undefined, 5);
            for (const [partnerId, expected] of await fromBook(store)) {
              expect(await queries.agreement(partnerId)).toEqual(expected);
            }
          } finally {
            await store.close();
          }
        }),
        {
          seed: propertySeed(`agreements = book (${setup.name})`),
          numRuns: numRuns(setup.name === 'sqlite' ? 30 : 15),
        },
      );
    } finally {
      await storage.close();
    }
  });
});
