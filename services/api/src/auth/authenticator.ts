import { type JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { type JwtConfig, secretKey } from './jwt-config';
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
    return `token claim ${error.claim} is not valid`;
  if (error instanceof errors.JOSEError) return 'the token signature or format is not valid';
  return 'the token could not be verified';
};

/** Bearer JWTs verified with jose; the algorithm is pinned so a token cannot choose its own. */
export const createJwtAuthenticator = (config: JwtConfig): Authenticator => {
  const options = {
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
        const principal = principalOf((await verify(token)).payload);
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
