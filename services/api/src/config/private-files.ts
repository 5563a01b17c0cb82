import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds the ledger and the token secret: owner-only (700), and its databases
 * 600, created so before SQLite opens them, and tightened if an older run left them wider.
 */
export const makeDataDirPrivate = (dataDir: string, files: readonly string[]): void => {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  // SQLite gives a database's -wal and -shm files the database file's mode.
  for (const name of files) {
    const file = join(dataDir, name);
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, 0o600);
    }
  }
};
