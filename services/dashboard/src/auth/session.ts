/**
 * The bearer token lives in sessionStorage only: gone when the tab closes, never in a cookie
 * (so it is never sent without the app asking) and never in the URL the server sees.
 */
const KEY = 'rebate.token';

export type Role = 'partner' | 'finance' | 'admin';

export interface Claims {
  readonly role: Role;
  readonly partnerId?: string;
  readonly sub?: string;
  /** Seconds since the epoch, as in the JWT. */
  readonly exp?: number;
}

export interface Session {
  readonly token: string;
  readonly claims: Claims;
}

const isRole = (value: unknown): value is Role =>
  value === 'partner' || value === 'finance' || value === 'admin';

/**
 * Reads the claims to choose pages; the server verifies the signature on every request, so a
 * forged token only shows an empty app.
 */
export const claimsOf = (token: string): Claims | undefined => {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as Record<string, unknown>;
    if (!isRole(claims['role'])) return undefined;
    return {
      role: claims['role'],
      partnerId: typeof claims['partnerId'] === 'string' ? claims['partnerId'] : undefined,
      sub: typeof claims['sub'] === 'string' ? claims['sub'] : undefined,
      exp: typeof claims['exp'] === 'number' ? claims['exp'] : undefined,
    };
  } catch {
    return undefined;
  }
};

export const isExpired = (claims: Claims, nowMs: number): boolean =>
  claims.exp !== undefined && claims.exp * 1000 <= nowMs;

export const loadSession = (): Session | undefined => {
  const token = sessionStorage.getItem(KEY);
  if (token === null) return undefined;
  const claims = claimsOf(token);
  return claims === undefined ? undefined : { token, claims };
};

export const saveToken = (token: string): void => sessionStorage.setItem(KEY, token);

export const clearToken = (): void => sessionStorage.removeItem(KEY);

/** `/sign-in#token=...`: the fragment never reaches the server; it is removed at once. */
export const takeTokenFromFragment = (): string | undefined => {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token') ?? undefined;
  if (token !== undefined) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return token;
};
