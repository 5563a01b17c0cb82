import type { Role } from './principal';

/**
 * Who may call a route. A partner token is further confined to its own data by the route's
 * partner scope; finance and admin see every partner.
 */
export type PartnerScope =
  /** The path's `partnerId` must be the token's own. */
  | 'partner-in-path'
  /** The path's `clientId` must be attached to the token's partner now. */
  | 'client-in-path'
  /** A list filtered to the token's partner (a `partnerId` filter naming another is refused). */
  | 'filtered-to-partner';

export type Access =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'token';
      readonly roles: readonly Role[];
      /** Required when `roles` includes `partner`. */
      readonly partnerScope?: PartnerScope;
    };

export const publicAccess: Access = { kind: 'public' };

export const staff = (...roles: readonly ('finance' | 'admin')[]): Access => ({
  kind: 'token',
  roles,
});

export const partnerOr = (
  partnerScope: PartnerScope,
  ...others: readonly ('finance' | 'admin')[]
): Access => ({ kind: 'token', roles: ['partner', ...others], partnerScope });
