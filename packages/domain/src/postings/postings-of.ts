import type { LedgerEvent } from '../events/ledger-event';
import type {
  PayoutAllocation,
  PayoutCompleted,
  PayoutFailed,
  PayoutRequested,
} from '../events/payout-events';
import type { RebateAccrued } from '../events/trade-events';
import { Decimal } from '../values/decimal';
import {
  MARKET,
  brokerAccount,
  clientAccount,
  partnerAccount,
  payoutsInFlightAccount,
  payoutsPaidAccount,
} from './account';
import { type Posting, posting, reversed } from './posting';

const ONE = Decimal('1');

/**
 * An accrual: the remuneration `broker:P -> partner:P`, the rebate `partner:P -> client:C@P`,
 * each override level `partner:child -> partner:parent` (bottom up), and the trade's volume
 * `market -> client:C@P` (its lots, and one trade; an unqualified trade counts too).
 */
const accrualPostings = (
  event: Pick<
    RebateAccrued,
    'partnerId' | 'clientId' | 'lots' | 'remuneration' | 'rebate' | 'overrides'
  >,
): Posting[] => {
  const partner = partnerAccount(event.partnerId);
  const client = clientAccount(event.clientId, event.partnerId);
  return [
    ...posting(brokerAccount(event.partnerId), partner, 'USD', event.remuneration),
    ...posting(partner, client, 'USD', event.rebate),
    ...event.overrides.flatMap((level) =>
      posting(partnerAccount(level.childId), partnerAccount(level.partnerId), 'USD', level.amount),
    ),
    ...posting(MARKET, client, 'LOTS', event.lots),
    ...posting(MARKET, client, 'TRADES', ONE),
  ];
};

type PayoutMove = PayoutRequested | PayoutCompleted | PayoutFailed;

/**
 * Which client:C@P parts a payout moves. A payout recorded with no allocations (a version-1
 * payout that named no partner) moves its whole amount from client:C with no partner.
 */
const partsOf = (
  event: PayoutMove,
): readonly { partnerId: string | null; amount: PayoutAllocation['amount'] }[] =>
  event.allocations.length > 0 ? event.allocations : [{ partnerId: null, amount: event.amount }];

/** Requested: each part leaves client:C@P for payouts:in-flight:C@P. */
const requestedPostings = (event: PayoutRequested): Posting[] =>
  partsOf(event).flatMap(({ partnerId, amount }) =>
    posting(
      clientAccount(event.clientId, partnerId),
      payoutsInFlightAccount(event.clientId, partnerId),
      'USD',
      amount,
    ),
  );

/** Completed: in flight to paid. Failed: in flight back to the client part it left. */
const resultPostings = (event: PayoutCompleted | PayoutFailed): Posting[] =>
  partsOf(event).flatMap(({ partnerId, amount }) =>
    posting(
      payoutsInFlightAccount(event.clientId, partnerId),
      event.type === 'PayoutCompleted'
        ? payoutsPaidAccount(event.clientId, partnerId)
        : clientAccount(event.clientId, partnerId),
      'USD',
      amount,
    ),
  );

/**
 * Every money and volume movement an event makes, as postings between accounts. Pure: the
 * event alone decides them. Terms changes, runs and unattributed trades move nothing.
 */
export const postingsOf = (event: LedgerEvent): Posting[] => {
  switch (event.type) {
    case 'RebateAccrued':
      return accrualPostings(event);
    case 'RebateReversed':
      // The exact negation of the accrual: the same postings, the other way round.
      return reversed(accrualPostings(event));
    case 'PayoutRequested':
      return requestedPostings(event);
    case 'PayoutCompleted':
    case 'PayoutFailed':
      return resultPostings(event);
    case 'PartnerRegistered':
    case 'ClientAttached':
    case 'RemunerationSet':
    case 'RebateRateSet':
    case 'RebatesSuspended':
    case 'RebatesResumed':
    case 'RebatesCancelled':
    case 'PayoutHoldSet':
    case 'QualificationSet':
    case 'OverrideRateSet':
    case 'PayoutRunRecorded':
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
