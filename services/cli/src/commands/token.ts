import {
  DEFAULT_MAX_LIFETIME_SECONDS,
  Role,
  existingLocalSecret,
  mintToken,
  tokenLifetimeSeconds,
} from '@rebate/api';
import { integer, port, readEnv, setting, storeEnv, text } from '@rebate/runtime';

export interface TokenOptions {
  readonly role: string;
  readonly partner?: string;
  readonly expires: string;
  readonly dataDir?: string;
  /** Print a dashboard sign-in link instead of the bare token. */
  readonly link?: boolean;
  readonly url?: string;
}

const tokenEnv = {
  DATA_DIR: storeEnv.DATA_DIR,
  JWT_SECRET: setting(text),
  JWT_ISSUER: setting(text),
  JWT_AUDIENCE: setting(text),
  PORT: setting(port, 8080),
  JWT_MAX_LIFETIME_S: setting(integer(60, 366 * 24 * 60 * 60), DEFAULT_MAX_LIFETIME_SECONDS),
};

/**
 * The token goes in the URL fragment, which browsers never send to the server, so it appears
 * in no access log or proxy; the dashboard moves it to session storage and drops the fragment.
 */
export const signInLink = (base: string, jwt: string): string =>
  `${base.replace(/\/$/, '')}/sign-in#token=${encodeURIComponent(jwt)}`;

/**
 * `rebate token --role R [--partner P]`: an HS256 token for local use, signed with JWT_SECRET
 * or the secret `rebate serve` generated in the data folder.
 */
export const token = async (options: TokenOptions): Promise<void> => {
  const env = readEnv(tokenEnv, process.env);
  const role = options.role;
  if (!Role.is(role)) throw new Error(`--role must be partner, finance or admin (got ${role})`);
  if ((role === 'partner') !== (options.partner !== undefined)) {
    throw new Error('--partner is required with --role partner, and only with it');
  }
  const secret = env.JWT_SECRET ?? existingLocalSecret(options.dataDir ?? env.DATA_DIR);
  if (secret === undefined) {
    throw new Error('no secret: set JWT_SECRET, or run `rebate serve` once to generate one');
  }
  const jwt = await mintToken({
    secret,
    role,
    partnerId: options.partner,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    expiresIn: options.expires,
  });
  // The service refuses tokens that live longer than JWT_MAX_LIFETIME_S: so does minting.
  if (tokenLifetimeSeconds(jwt) > env.JWT_MAX_LIFETIME_S) {
    throw new Error(
      `--expires ${options.expires} is longer than JWT_MAX_LIFETIME_S (${env.JWT_MAX_LIFETIME_S} s)`,
    );
  }
  const base = options.url ?? `http://127.0.0.1:${env.PORT}`;
  process.stdout.write(`${options.link === true ? signInLink(base, jwt) : jwt}\n`);
};
