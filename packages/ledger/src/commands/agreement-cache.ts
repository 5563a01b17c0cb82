import type { EventStore } from '@rebate/event-store';
import {
  type AgreementBook,
  type AgreementEvent,
  type PayoutBook,
  type PayoutEvent,
  emptyBook,
  emptyPayoutBook,
  evolveBook,
  evolvePayouts,
} from '@rebate/domain';
import { AGREEMENTS_STREAM, PAYOUTS_STREAM } from '../store/streams';
import { StreamFold } from './stream-fold';

/** The agreements stream folded in memory: the book every trade and command is judged against. */
export class AgreementCache extends StreamFold<AgreementBook, AgreementEvent> {
  constructor(store: EventStore) {
    super(store, AGREEMENTS_STREAM, emptyBook, evolveBook);
  }
}

/** The payouts stream folded in memory: run ids taken and every payout's status. */
export class PayoutCache extends StreamFold<PayoutBook, PayoutEvent> {
  constructor(store: EventStore) {
    super(store, PAYOUTS_STREAM, emptyPayoutBook, evolvePayouts);
  }
}
