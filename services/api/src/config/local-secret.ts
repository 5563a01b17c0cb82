import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@rebate/runtime';

export const LOCAL_SECRET_FILE = 'jwt-secret';

/**
 * A secret file that others may read is no secret: refused, with how to fix it, rather than
 * used (anyone on the machine could mint admin tokens).
 */
const readPrivate = (file: string): string => {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError([
      `${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 on it`,
    ]);
  }
  return readFileSync(file, 'utf8').trim();
};

/**
 * The HS256 secret of a local run: generated once, kept (owner-only) in the data folder, so
 * tokens minted by `rebate token` keep working across restarts of `rebate serve`.
 */
export const localSecret = (dataDir: string): string => {
  const file = join(dataDir, LOCAL_SECRET_FILE);
  if (existsSync(file)) return readPrivate(file);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readPrivate(file);
    throw error;
  }
};

/** The secret for minting: JWT_SECRET, else the local one if `rebate serve` made it. */
export const existingLocalSecret = (dataDir: string): string | undefined => {
  const file = join(dataDir, LOCAL_SECRET_FILE);
  return existsSync(file) ? readPrivate(file) : undefined;
};
