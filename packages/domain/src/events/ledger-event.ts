import * as t from 'io-ts';
import { AgreementEvent } from './agreement-events';
import { TradeEvent } from './trade-events';
import { PayoutEvent } from './payout-events';

/** Every fact the ledger records. Stored as `{ type, data }`, with `schemaVersion` in metadata. */
export const LedgerEvent = t.union([AgreementEvent, TradeEvent, PayoutEvent]);
export type LedgerEvent = t.TypeOf<typeof LedgerEvent>;
export type LedgerEventType = LedgerEvent['type'];

/** Version of each event's payload schema; bump one and add an upcaster when a payload changes. */
export const schemaVersions: Readonly<Record<LedgerEventType, number>> = {
  PartnerRegistered: 1,
  ClientAttached: 1,
  RemunerationSet: 1,
  RebateRateSet: 1,
  RebatesSuspended: 1,
  RebatesResumed: 1,
  RebatesCancelled: 1,
  RebateAccrued: 1,
  TradeUnattributed: 1,
  RebateReversed: 1,
  UnattributedTradeCancelled: 1,
  PayoutRequested: 1,
};

const eventCodecList = [...AgreementEvent.types, ...TradeEvent.types, PayoutEvent] as const;

const codecByType = new Map<string, t.Type<LedgerEvent, unknown, unknown>>(
  eventCodecList.map((codec) => [
    codec.name,
    codec as unknown as t.Type<LedgerEvent, unknown, unknown>,
  ]),
);

/** Encodes with the codec of the event's own type (a union would test every member first). */
export const encodeLedgerEvent = (event: LedgerEvent): Record<string, unknown> =>
  (codecByType.get(event.type) as t.Type<LedgerEvent, unknown, unknown>).encode(event) as Record<
    string,
    unknown
  >;

/** Decodes a stored payload by its type, so a failure names the field of that event. */
export const decodeLedgerEvent = (
  type: string,
  data: unknown,
): t.Validation<LedgerEvent> | undefined => {
  const codec = codecByType.get(type);
  const payload = typeof data === 'object' && data !== null ? data : {};
  return codec?.decode({ ...payload, type });
};
