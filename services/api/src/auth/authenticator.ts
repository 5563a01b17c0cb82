import { type JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_LIFETIME_SECONDS,
  type JwtConfig,
  secretKey,
} from './jwt-config';
import { type Principal, principalOf } from './principal';

/** A principal, or why the request is not authenticated (401). */
export type Authentication =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: string };

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Authentication>;
}

const refused = (reason: string): Authentication => ({ ok: false, reason });

const describe = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.reason === 'missing'
      ? `token claim ${error.claim} is required`
      : `token claim ${error.claim} is not valid`;
  if (error instanceof errors.JOSEError) return 'the token signature or format is not valid';
  return 'the token could not be verified';
};

/**
 * Why a verified token's lifetime is refused, if it is: issued in the future (beyond the skew),
 * or claiming to live longer than the bound, so a leaked token cannot be valid for years.
 */
const lifetimeProblem = (
  payload: JWTPayload,
  maxLifetime: number,
  skew: number,
  now: number,
): string | undefined => {
  const exp = payload.exp as number;
  if (payload.iat !== undefined) {
    if (payload.iat > now + skew) return 'token claim iat is in the future';
    if (exp - payload.iat > maxLifetime) {
      return `the token lives longer than ${maxLifetime} s (exp - iat)`;
    }
  } else if (exp - now > maxLifetime + skew) {
    return `the token lives longer than ${maxLifetime} s`;
  }
  return undefined;
};

/**
 * Bearer JWTs verified with jose; the algorithm is pinned so a token cannot choose its own.
 * `exp` is required, the lifetime bounded, a small clock skew allowed, `iss` / `aud` required
 * when configured.
 */
export const createJwtAuthenticator = (config: JwtConfig): Authenticator => {
  const skew = config.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const options = {
    requiredClaims: ['exp'],
    clockTolerance: skew,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
  };
  const verify = (token: string): Promise<{ payload: JWTPayload }> => {
    if (config.key.kind === 'secret') {
      return jwtVerify(token, secretKey(config.key.secret), { ...options, algorithms: ['HS256'] });
    }
    return jwtVerify(token, jwks(config.key.url), options);
  };
  return {
    async authenticate(authorization) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (token === undefined) return refused('an Authorization: Bearer token is required');
      try {
        const { payload } = await verify(token);
        const tooLong = lifetimeProblem(payload, maxLifetime, skew, Math.floor(Date.now() / 1000));
        if (tooLong !== undefined) return refused(tooLong);
        const principal = principalOf(payload);
        return typeof principal === 'string' ? refused(principal) : { ok: true, principal };
      } catch (error) {
        return refused(describe(error));
      }
    },
  };
};

/** One key set per URL: jose caches the keys and refetches them on an unknown `kid`. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const jwks = (url: URL): ReturnType<typeof createRemoteJWKSet> => {
  const known = keySets.get(url.href);
  if (known) return known;
  const created = createRemoteJWKSet(url);
  keySets.set(url.href, created);
  return created;
};
