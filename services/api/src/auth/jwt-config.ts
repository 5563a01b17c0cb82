/** How tokens are verified: an HS256 shared secret or a JWKS endpoint (RS256, ES256, ...). */
export type JwtKeySource =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'jwks'; readonly url: URL };

export interface JwtConfig {
  readonly key: JwtKeySource;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** Longest lifetime a token may claim (exp - iat, or exp - now without iat). Default 24 h. */
  readonly maxLifetimeSeconds?: number;
  /** How far the issuer's clock may be off ours, for exp, nbf and iat. Default 30 s. */
  readonly clockSkewSeconds?: number;
}

export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

/** HS256 wants a key at least as long as the hash (RFC 7518, 3.2): 32 bytes. */
export const MIN_SECRET_BYTES = 32;

export const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);
