import { type LedgerEvent, decodeStoredEvent } from '@rebate/domain';
import { EventDecodingError, type RecordedEvent } from '@rebate/event-store';

/** A stored event as the projections fold it; a payload no codec accepts stops the batch. */
export const ledgerEventOf = (recorded: RecordedEvent): LedgerEvent => {
  const decoded = decodeStoredEvent(recorded);
  if (decoded._tag === 'Left') {
    throw new EventDecodingError(
      recorded.streamId,
      recorded.revision,
      recorded.position,
      decoded.left,
    );
  }
  return decoded.right;
};
