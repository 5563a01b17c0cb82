import type { WorkingSet } from '../../storage/working-set';
import { utcDay } from '../day';
import type { PositionedEvent } from '../projection';
import {
  clientAccountsTable,
  clientDaysTable,
  partnerClientAccountsTable,
  partnerClientDaysTable,
  partnerDaysTable,
  partnerTotalsTable,
  tradeDaysTable,
} from './tables';

/**
 * The rows a batch will touch, loaded in one query per table. Reversals' days are looked up
 * first, so their day rows can be loaded with the others.
 */
export const balancesPrefetch = async (
  events: readonly PositionedEvent[],
  rows: WorkingSet,
): Promise<void> => {
  const reversed = events.flatMap(({ event }) =>
    event.type === 'RebateReversed' ? [{ tradeId: event.tradeId }] : [],
  );
  await rows.load(tradeDaysTable, reversed);

  const partners = new Set<string>();
  const clients = new Set<string>();
  const partnerDays: { partnerId: string; day: string }[] = [];
  const clientDays: { clientId: string; day: string }[] = [];
  const partnerClients: { partnerId: string; clientId: string }[] = [];
  const partnerClientDays: { partnerId: string; clientId: string; day: string }[] = [];
  const closeDays = new Map<string, string>();
  for (const { event } of events) {
    switch (event.type) {
      case 'ClientAttached':
        clients.add(event.clientId);
        partners.add(event.partnerId);
        if (event.previousPartnerId !== null) partners.add(event.previousPartnerId);
        break;
      case 'RebateAccrued':
      case 'RebateReversed': {
        const day =
          event.type === 'RebateAccrued'
            ? utcDay(event.closedAt)
            : (closeDays.get(event.tradeId) ??
              (await rows.get(tradeDaysTable, { tradeId: event.tradeId }))?.day);
        if (event.type === 'RebateAccrued') closeDays.set(event.tradeId, utcDay(event.closedAt));
        partners.add(event.partnerId);
        clients.add(event.clientId);
        partnerClients.push({ partnerId: event.partnerId, clientId: event.clientId });
        if (day !== undefined) {
          partnerDays.push({ partnerId: event.partnerId, day });
          clientDays.push({ clientId: event.clientId, day });
          partnerClientDays.push({ partnerId: event.partnerId, clientId: event.clientId, day });
        }
        break;
      }
      case 'PayoutRequested':
        clients.add(event.clientId);
        clientDays.push({ clientId: event.clientId, day: utcDay(event.at) });
        if (event.partnerId !== null) {
          const { partnerId, clientId } = event;
          partnerClients.push({ partnerId, clientId });
          partnerClientDays.push({ partnerId, clientId, day: utcDay(event.at) });
        }
        break;
      default:
        break;
    }
  }
  await rows.load(
    partnerTotalsTable,
    [...partners].map((partnerId) => ({ partnerId })),
  );
  await rows.load(
    clientAccountsTable,
    [...clients].map((clientId) => ({ clientId })),
  );
  await rows.load(partnerDaysTable, partnerDays);
  await rows.load(clientDaysTable, clientDays);
  await rows.load(partnerClientAccountsTable, partnerClients);
  await rows.load(partnerClientDaysTable, partnerClientDays);
};
