import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { Identifier, reasonOf } from '@rebate/domain';

/**
 * Who calls, from the token's claims:
 * - `partner` (with `partnerId`): its own agreement, clients, statements and rate commands;
 * - `finance`: reads everything, runs audits;
 * - `admin`: registration, attachment, remuneration, payouts, trade intake, bulk import; reads.
 */
export const Role = t.keyof({ partner: null, finance: null, admin: null }, 'Role');
export type Role = t.TypeOf<typeof Role>;
export const roles: readonly Role[] = ['partner', 'finance', 'admin'];

export type Principal =
  | { readonly role: 'partner'; readonly partnerId: string; readonly subject: string }
  | { readonly role: 'finance' | 'admin'; readonly subject: string };

const Claims = t.intersection([
  t.type({ role: Role }),
  t.partial({ partnerId: Identifier, sub: t.string }),
]);

/** The principal a verified token names, or why its claims do not make one. */
export const principalOf = (claims: unknown): Principal | string => {
  const decoded = Claims.decode(claims);
  if (isLeft(decoded)) return `token claim ${reasonOf(decoded.left)}`;
  const { role, partnerId, sub } = decoded.right;
  if (role === 'partner') {
    if (partnerId === undefined) return 'token claim partnerId is missing for the partner role';
    return { role, partnerId, subject: sub ?? `partner:${partnerId}` };
  }
  return { role, subject: sub ?? role };
};
