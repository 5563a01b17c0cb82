import { GENESIS_HASH, chainHash } from '@rebate/event-store';
import { type Migration, type PostgresMigrationClient, decodeChainRow } from '@rebate/sql';
import { CHAIN_COLUMNS } from '../sql';

const BATCH = 1000;

/**
 * Tamper evidence: every event gets its chain hash (docs/architecture.md, "Tamper evidence").
 * Events stored before this migration get theirs here, computed in JS in position order (the
 * hash is over canonical JSON, which SQL cannot produce), then the column becomes NOT NULL.
 * Runs inside the migration transaction under the migration lock, with search_path set.
 */
export const eventChain: Migration<PostgresMigrationClient> = {
  version: 2,
  name: '0002-event-chain',
  sql: `ALTER TABLE events ADD COLUMN chain_hash text;`,
  backfill: async (client) => {
    let previous = GENESIS_HASH;
    let after = '0';
    for (;;) {
      const { rows } = await client.query(
        `SELECT ${CHAIN_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT ${BATCH}`,
        [after],
      );
      const links = rows.map(decodeChainRow);
      const hashes = links.map((link) => {
        if (link.unreadable !== undefined) {
          throw new Error(`cannot chain event at position ${link.position}: ${link.unreadable}`);
        }
        previous = chainHash(previous, link);
        return previous;
      });
      if (links.length > 0) {
        await client.query(
          `UPDATE events SET chain_hash = hashed.hash
             FROM unnest($1::bigint[], $2::text[]) AS hashed(position, hash)
            WHERE events.position = hashed.position`,
          [links.map((link) => link.position.toString()), hashes],
        );
        after = links[links.length - 1]?.position.toString() ?? after;
      }
      if (links.length < BATCH) break;
    }
    await client.query('ALTER TABLE events ALTER COLUMN chain_hash SET NOT NULL');
  },
};
