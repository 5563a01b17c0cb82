import { SignJWT, decodeJwt } from 'jose';
import { secretKey } from './jwt-config';
import type { Role } from './principal';

export interface TokenRequest {
  readonly secret: string;
  readonly role: Role;
  readonly partnerId?: string | undefined;
  readonly subject?: string | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** jose duration text: "12h", "30d". */
  readonly expiresIn?: string;
}

/** An HS256 token for local use (`rebate token`, `rebate serve`, tests). */
export const mintToken = async (request: TokenRequest): Promise<string> => {
  const claims = {
    role: request.role,
    ...(request.partnerId === undefined ? {} : { partnerId: request.partnerId }),
  };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setSubject(
      request.subject ?? (request.partnerId ? `partner:${request.partnerId}` : request.role),
    )
    .setExpirationTime(request.expiresIn ?? '1h');
  if (request.issuer !== undefined) jwt = jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt = jwt.setAudience(request.audience);
  return jwt.sign(secretKey(request.secret));
};

/** exp - iat of a token (not verified: for checking what we minted ourselves). */
export const tokenLifetimeSeconds = (jwt: string): number => {
  const { exp, iat } = decodeJwt(jwt);
  return (exp ?? Number.POSITIVE_INFINITY) - (iat ?? 0);
};
