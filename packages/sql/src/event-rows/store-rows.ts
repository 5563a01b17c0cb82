import * as t from 'io-ts';
import { BigIntFromDb, SafeIntegerFromDb } from '../db-codecs';

/** A nullable global position, as `max(position)` returns on an empty table. */
export const HeadPositionRow = t.type({ position: t.union([t.null, BigIntFromDb]) });

/** A stream's current revision. */
export const StreamRevisionRow = t.type({ stream_id: t.string, revision: SafeIntegerFromDb });
