import {
  DEFAULT_MAX_LIFETIME_SECONDS,
  Role,
  existingLocalSecret,
  mintToken,
  tokenLifetimeSeconds,
} from '@rebate/api';
import { integer, readEnv, setting, storeEnv, text } from '@rebate/runtime';

export interface TokenOptions {
  readonly role: string;
  readonly partner?: string;
  readonly expires: string;
  readonly dataDir?: string;
}

const tokenEnv = {
  DATA_DIR: storeEnv.DATA_DIR,
  JWT_SECRET: setting(text),
  JWT_ISSUER: setting(text),
  JWT_AUDIENCE: setting(text),
  JWT_MAX_LIFETIME_S: setting(integer(60, 366 * 24 * 60 * 60), DEFAULT_MAX_LIFETIME_SECONDS),
};

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
  process.stdout.write(`${jwt}\n`);
};
