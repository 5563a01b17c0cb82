import type { LedgerQueries } from '@rebate/read-models';
import { fail } from '../http/problem-catalog';
import type { Access } from './access';
import type { Principal } from './principal';

/** 403 unless the token's role may call the route at all. */
export const authorizeRole = (principal: Principal, access: Access): void => {
  if (access.kind === 'public') return;
  if (!access.roles.includes(principal.role)) {
    fail('forbidden', `the ${principal.role} role may not call this endpoint`);
  }
};

export interface ScopedInput {
  readonly partnerId?: string | undefined;
  readonly clientId?: string | undefined;
}

/**
 * 403 unless a partner token stays inside its own data. A client of another partner, and a
 * client id nobody knows, get the same answer, so a partner cannot probe for other clients.
 */
export const authorizePartnerScope = async (
  principal: Principal,
  access: Access,
  input: ScopedInput,
  queries: Pick<LedgerQueries, 'clientBalance'>,
): Promise<void> => {
  if (principal.role !== 'partner' || access.kind === 'public') return;
  const own = principal.partnerId;
  switch (access.partnerScope) {
    case 'partner-in-path':
    case 'filtered-to-partner':
      if (input.partnerId !== undefined && input.partnerId !== own) {
        fail('forbidden', `a token of partner ${own} may not act on partner ${input.partnerId}`);
      }
      return;
    case 'client-in-path': {
      const client =
        input.clientId === undefined ? undefined : await queries.clientBalance(input.clientId);
      if (client?.partnerId !== own) {
        fail('forbidden', `client ${input.clientId ?? ''} is not a client of partner ${own}`);
      }
      return;
    }
    case undefined:
      // A route that lets partners in must say how they are confined: refuse rather than leak.
      fail('forbidden', 'this endpoint has no partner scope');
  }
};
