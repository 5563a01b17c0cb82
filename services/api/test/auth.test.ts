import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { ConfigError } from '@rebate/runtime';
import { createJwtAuthenticator, mintToken, readApiSettings } from '@rebate/api';

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'rebate-api';

describe('tokens verified against a JWKS URL', () => {
  let server: Server;
  let url: URL;
  let privateKey: KeyLike;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);

  test('an RS256 token signed by a published key names its principal', async () => {
    const auth = createJwtAuthenticator({
      key: { kind: 'jwks', url },
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const result = await auth.authenticate(
      `Bearer ${await rs256({ role: 'partner', partnerId: 'P1', sub: 'u-1' })}`,
    );
    expect(result).toEqual({
      ok: true,
      principal: { role: 'partner', partnerId: 'P1', subject: 'u-1' },
    });
  });

  test('an HS256 token, a wrong issuer or unknown role are refused', async () => {
    const auth = createJwtAuthenticator({
      key: { kind: 'jwks', url },
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const hs256 = await mintToken({
      secret: 'a-secret-that-is-long-enough-to-sign!!',
      role: 'admin',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(await auth.authenticate(`Bearer ${hs256}`)).toMatchObject({ ok: false });
    const strict = createJwtAuthenticator({
      key: { kind: 'jwks', url },
      issuer: 'someone-else',
      audience: AUDIENCE,
    });
    expect(await strict.authenticate(`Bearer ${await rs256({ role: 'admin' })}`)).toEqual({
      ok: false,
      reason: 'token claim iss is not valid',
    });
    expect(await auth.authenticate(`Bearer ${await rs256({ role: 'root' })}`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^token claim role/),
    });
    expect(await auth.authenticate(`Bearer ${await rs256({ role: 'partner' })}`)).toEqual({
      ok: false,
      reason: 'token claim partnerId is missing for the partner role',
    });
  });
});

describe('API settings from the environment (io-ts)', () => {
  test('defaults', () => {
    expect(readApiSettings({})).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      READ_WAIT_MS: 5000,
    });
  });

  test('refusals name the variable', () => {
    expect(() => readApiSettings({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be a secret of at least 32 bytes/,
    );
    expect(() => readApiSettings({ JWT_JWKS_URL: 'ftp://x' })).toThrow(
      /JWT_JWKS_URL must be an http\(s\) URL/,
    );
    expect(() => readApiSettings({ PORT: '70000' })).toThrow(ConfigError);
    expect(() =>
      readApiSettings({ JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://issuer.example/jwks' }),
    ).toThrow('set JWT_SECRET or JWT_JWKS_URL, not both');
  });
});
