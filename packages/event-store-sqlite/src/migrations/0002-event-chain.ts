import { GENESIS_HASH, chainHash } from '@rebate/event-store';
import {
  CHAIN_COLUMNS,
  type Migration,
  type SqliteMigrationDatabase,
  decodeChainRow,
} from '@rebate/sql';

const BATCH = 1000;

/**
 * Tamper evidence: every event gets its chain hash (docs/architecture.md, "Tamper evidence").
 * Events stored before this migration get theirs here, computed in position order, so an
 * upgraded ledger verifies like a new one. SQLite cannot add a NOT NULL column without a
 * default; a row without a hash is reported by the verifier instead.
 */
export const eventChain: Migration<SqliteMigrationDatabase> = {
  version: 2,
  name: '0002-event-chain',
  sql: `ALTER TABLE events ADD COLUMN chain_hash TEXT;`,
  backfill: (db) => {
    const page = db.prepare(
      `SELECT ${CHAIN_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ${BATCH}`,
    );
    const update = db.prepare('UPDATE events SET chain_hash = ? WHERE position = ?');
    let previous = GENESIS_HASH;
    let after = 0n;
    for (;;) {
      const links = page.all(after).map(decodeChainRow);
      for (const link of links) {
        if (link.unreadable !== undefined) {
          throw new Error(`cannot chain event at position ${link.position}: ${link.unreadable}`);
        }
        previous = chainHash(previous, link);
        update.run(previous, link.position);
        after = link.position;
      }
      if (links.length < BATCH) return;
    }
  },
};
