import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainLink, verifyChain } from '@rebate/event-store';
import { openSqliteEventStore } from '../src';

const event = (index: number) => ({
  eventId: randomUUID(),
  type: 'Tested',
  data: { index, amount: `${index}.10` },
  metadata: { schemaVersion: 1 },
});

async function collect(links: AsyncIterable<ChainLink>): Promise<ChainLink[]> {
  const all: ChainLink[] = [];
  for await (const link of links) all.push(link);
  return all;
}

describe('SQLite chain migration', () => {
  it('gives events stored before the chain existed their hashes, in order', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rebate-sqlite-chain-migration-'));
    const path = join(directory, 'events.sqlite');
    try {
      const store = openSqliteEventStore({ path });
      await store.appendMany([
        { streamId: 'a', events: [event(1), event(2)], expected: 'no_stream' },
        { streamId: 'b', events: [event(3)], expected: 'no_stream' },
      ]);
      await store.append('a', [event(4)], 1);
      const written = await collect(store.chain.links());
      await store.close();

      // The file as version 1 left it.
      const db = new Database(path);
      db.exec(`DELETE FROM schema_migrations WHERE version = 2;
        ALTER TABLE events DROP COLUMN chain_hash;`);
      db.close();

      const migrated = openSqliteEventStore({ path });
      try {
        expect(await collect(migrated.chain.links())).toEqual(written);
        await migrated.append('b', [event(5)], 0);
        expect(await verifyChain(migrated.chain)).toMatchObject({ ok: true, eventsVerified: 5 });
      } finally {
        await migrated.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
