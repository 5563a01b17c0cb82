import type { LedgerEvent } from '../events/ledger-event';
import type { PayoutRequested } from '../events/payout-events';
import type { RebateAccrued } from '../events/trade-events';
import { Decimal } from '../values/decimal';
import {
  MARKET,
  brokerAccount,
  clientAccount,
  partnerAccount,
  payoutsInFlightAccount,
} from './account';
import { type Posting, posting, reversed } from './posting';

const ONE = Decimal('1');

/**
 * An accrual: the remuneration `broker:P -> partner:P`, the rebate `partner:P -> client:C@P`,
 * and the trade's volume `market -> client:C@P` (its lots, and one trade).
 */
const accrualPostings = (
  event: Pick<RebateAccrued, 'partnerId' | 'clientId' | 'lots' | 'remuneration' | 'rebate'>,
): Posting[] => {
  const partner = partnerAccount(event.partnerId);
  const client = clientAccount(event.clientId, event.partnerId);
  return [
    ...posting(brokerAccount(event.partnerId), partner, 'USD', event.remuneration),
    ...posting(partner, client, 'USD', event.rebate),
    ...posting(MARKET, client, 'LOTS', event.lots),
    ...posting(MARKET, client, 'TRADES', ONE),
  ];
};

/** A payout leaves the client's account for the payouts in flight. */
const payoutPostings = (event: PayoutRequested): Posting[] =>
  posting(
    clientAccount(event.clientId, event.partnerId),
    payoutsInFlightAccount(event.clientId, event.partnerId),
    'USD',
    event.amount,
  );

/**
 * Every money and volume movement an event makes, as postings between accounts. Pure: the
 * event alone decides them. Terms changes and unattributed trades move nothing.
 */
export const postingsOf = (event: LedgerEvent): Posting[] => {
  switch (event.type) {
    case 'RebateAccrued':
      return accrualPostings(event);
    case 'RebateReversed':
      // The exact negation of the accrual: the same postings, the other way round.
      return reversed(accrualPostings(event));
    case 'PayoutRequested':
      return payoutPostings(event);
    case 'PartnerRegistered':
    case 'ClientAttached':
    case 'RemunerationSet':
    case 'RebateRateSet':
    case 'RebatesSuspended':
    case 'RebatesResumed':
    case 'RebatesCancelled':
    case 'TradeUnattributed':
    case 'UnattributedTradeCancelled':
      return [];
    default:
      return unhandled(event);
  }
};

/** A new event type fails the type check here until its postings are written. */
const unhandled = (event: never): never => {
  throw new TypeError(`no postings for event ${(event as { type: string }).type}`);
};
