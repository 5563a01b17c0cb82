import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret of a local run: generated once, kept (owner-only) in the data folder, so
 * tokens minted by `rebate token` keep working across restarts of `rebate serve`.
 */
export const localSecret = (dataDir: string): string => {
  const file = join(dataDir, LOCAL_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(file, 'utf8').trim();
    throw error;
  }
};

/** The secret for minting: JWT_SECRET, else the local one if `rebate serve` made it. */
export const existingLocalSecret = (dataDir: string): string | undefined => {
  const file = join(dataDir, LOCAL_SECRET_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};
