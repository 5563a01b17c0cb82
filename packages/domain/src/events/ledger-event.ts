import * as t from 'io-ts';
import { type Either, isLeft, left } from 'fp-ts/Either';
import { reasonOf } from '../input/reason';
import { AgreementEvent } from './agreement-events';
import { TradeEvent } from './trade-events';
import { PayoutEvent } from './payout-events';
import { upcast } from './upcasters';

/** Every fact the ledger records. Stored as `{ type, data }`, with `schemaVersion` in metadata. */
export const LedgerEvent = t.union([AgreementEvent, TradeEvent, PayoutEvent]);
export type LedgerEvent = t.TypeOf<typeof LedgerEvent>;
export type LedgerEventType = LedgerEvent['type'];

/** The agreements stream's event types, read from its codec so no list can drift from the union. */
export const agreementEventTypes: readonly AgreementEvent['type'][] = AgreementEvent.types.map(
  (codec) => codec.type.props.type.value,
);
const agreementTypes = new Set<string>(agreementEventTypes);

export const isAgreementEvent = (event: LedgerEvent): event is AgreementEvent =>
  agreementTypes.has(event.type);

/** Version of each event's payload schema; bump one and add an upcaster when a payload changes. */
export const schemaVersions: Readonly<Record<LedgerEventType, number>> = {
  PartnerRegistered: 2,
  ClientAttached: 1,
  RemunerationSet: 2,
  RebateRateSet: 1,
  RebatesSuspended: 1,
  RebatesResumed: 1,
  RebatesCancelled: 1,
  PayoutHoldSet: 1,
  QualificationSet: 1,
  OverrideRateSet: 1,
  RebateAccrued: 2,
  TradeUnattributed: 2,
  RebateReversed: 2,
  UnattributedTradeCancelled: 1,
  PayoutRunRecorded: 2,
  PayoutRequested: 2,
  PayoutCompleted: 1,
  PayoutFailed: 1,
};

const eventCodecList = [
  ...AgreementEvent.types,
  ...TradeEvent.types,
  ...PayoutEvent.types,
] as const;

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

/**
 * Decodes a stored payload by its type, so a failure names the field of that event. A payload
 * stored under an older `schemaVersion` (default 1) goes through the upcasters first.
 */
export const decodeLedgerEvent = (
  type: string,
  data: unknown,
  storedVersion = 1,
): t.Validation<LedgerEvent> | undefined => {
  const codec = codecByType.get(type);
  if (!codec) return undefined;
  const payload =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const current = schemaVersions[type as LedgerEventType];
  return codec.decode({ ...upcast(type, storedVersion, current, payload), type });
};

/**
 * A stored event (its type, payload and metadata) as a LedgerEvent, or why it is not one: the
 * decoding every read path shares (command handling, the audit, the read models), each turning
 * a failure into its own error.
 */
export const decodeStoredEvent = (stored: {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}): Either<string, LedgerEvent> => {
  const version = (stored.metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  const decoded = decodeLedgerEvent(
    stored.type,
    stored.data,
    typeof version === 'number' ? version : 1,
  );
  if (decoded === undefined) return left(`unknown event type ${stored.type}`);
  return isLeft(decoded) ? left(reasonOf(decoded.left)) : decoded;
};
