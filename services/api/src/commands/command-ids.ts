import * as t from 'io-ts';
import type { Principal } from '../auth/principal';
import { decodeInput } from '../http/decode';
import type { CommandIds } from '../routes/route';

/** Visible ASCII, as the Idempotency-Key draft recommends; long enough for a UUID or a hash. */
const IdempotencyKey = t.refinement(
  t.string,
  (s) => /^[\x21-\x7e]{1,255}$/.test(s),
  'IdempotencyKey',
);

export const idempotencyKeyOf = (header: unknown): string | undefined =>
  header === undefined
    ? undefined
    : decodeInput(
        t.type({ 'Idempotency-Key': IdempotencyKey }),
        { 'Idempotency-Key': header },
        'header',
      )['Idempotency-Key'];

/**
 * A command's id: the Idempotency-Key scoped to the token's subject (two callers may pick the
 * same key), else the request's own id. Event ids derive from it.
 */
export const commandIdsOf = (
  requestId: string,
  principal: Principal | undefined,
  key: string | undefined,
): CommandIds => ({
  commandId:
    key === undefined || principal === undefined
      ? `http:${requestId}`
      : `http:${principal.subject}:${key}`,
  correlationId: requestId,
});
