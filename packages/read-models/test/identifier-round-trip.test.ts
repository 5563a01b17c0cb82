import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Client } from 'pg';
import { Identifier, compareCodePoints } from '@rebate/domain';

/**
 * Rules section 14, finding 1 of issue 8: any string the input accepts as an identifier is stored
 * and read back unchanged by SQLite and PostgreSQL text columns (a lone surrogate or a NUL used
 * to come back as other bytes, or fail the statement), and both stores order them in code point
 * order, as `compareCodePoints` does. Replay a failure with FC_SEED=<seed printed below>.
 */

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 60);

/** Characters near every edge the rule draws, plus any code point at all. */
const edgeCharacter = fc.constantFrom(
  ' ',
  'a',
  'Z',
  '~',
  '\u00a0',
  '\u00ff',
  '\u0100',
  '\u0085',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\ud7ff',
  '\ue000',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\u{10000}',
  '\u{1f600}',
  '\u{10ffff}',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u009f',
  '\ud800',
  '\udfff',
);
const character = fc.oneof(
  edgeCharacter,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const candidate = fc
  .array(character, { minLength: 1, maxLength: 130 })
  .map((parts) => parts.join(''));
const identifier = candidate.filter((text) => Identifier.is(text));
const identifiers = fc.uniqueArray(identifier, { minLength: 1, maxLength: 20 });

const sorted = (ids: readonly string[]) => [...ids].sort(compareCodePoints);

describe('identifiers accepted by the input round-trip through the stores', () => {
  beforeAll(() => {
    console.log(`[property] identifier round trip: seed ${seed} (replay with FC_SEED=${seed})`);
  });

  test('SQLite TEXT: unchanged, equal by lookup, ordered by code point', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE ids (id TEXT PRIMARY KEY)');
      const insert = db.prepare('INSERT INTO ids (id) VALUES (?)');
      const byId = db.prepare<[string], { id: string }>('SELECT id FROM ids WHERE id = ?');
      const all = db.prepare<[], { id: string }>('SELECT id FROM ids ORDER BY id');
      fc.assert(
        fc.property(identifiers, (ids) => {
          db.exec('DELETE FROM ids');
          for (const id of ids) insert.run(id);
          for (const id of ids) expect(byId.get(id)?.id).toBe(id);
          expect(all.all().map((row) => row.id)).toEqual(sorted(ids));
        }),
        { seed, numRuns: RUNS },
      );
    } finally {
      db.close();
    }
  });

  test('PostgreSQL text: unchanged, equal by lookup, ordered by code point (C collation)', async () => {
    const url = process.env['DATABASE_URL'];
    if (!url)
      throw new Error('DATABASE_URL is required (bash scripts/ensure-postgres.sh rebate_<name>)');
    const client = new Client({ connectionString: url });
    await client.connect();
    const schema = `ids_${seed}_${process.pid}`;
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`CREATE TABLE "${schema}".ids (id text PRIMARY KEY)`);
      await fc.assert(
        fc.asyncProperty(identifiers, async (ids) => {
          await client.query(`DELETE FROM "${schema}".ids`);
          await client.query(`INSERT INTO "${schema}".ids (id) SELECT unnest($1::text[])`, [ids]);
          for (const id of ids.slice(0, 5)) {
            const found = await client.query<{ id: string }>(
              `SELECT id FROM "${schema}".ids WHERE id = $1`,
              [id],
            );
            expect(found.rows.map((row) => row.id)).toEqual([id]);
          }
          const all = await client.query<{ id: string }>(
            `SELECT id FROM "${schema}".ids ORDER BY id COLLATE "C"`,
          );
          expect(all.rows.map((row) => row.id)).toEqual(sorted(ids));
        }),
        { seed, numRuns: RUNS },
      );
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  test('what the rule refuses is exactly what would not survive: lone surrogates and NUL', () => {
    for (const bad of ['\ud800', 'a\udfffb', 'C\u00001']) expect(Identifier.is(bad)).toBe(false);
  });
});
