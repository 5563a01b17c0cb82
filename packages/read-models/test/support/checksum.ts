import { createHash } from 'node:crypto';
import { formatDecimal } from '@rebate/domain';
import type { Kysely } from 'kysely';
import type { Projection, ReadModelStorage } from '../../src';

const canonical = (value: unknown): unknown => {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'object' && value !== null && 'c' in value && 'e' in value) {
    return `decimal:${formatDecimal(value as Parameters<typeof formatDecimal>[0])}`;
  }
  return value;
};

export interface ProjectionChecksum {
  readonly checksum: string;
  readonly rows: Readonly<Record<string, number>>;
}

/** SHA-256 over every row of every table of the projection (decoded), in key order. */
export const checksumOf = async (
  storage: ReadModelStorage,
  projection: Projection,
): Promise<ProjectionChecksum> => {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const table of projection.tables) {
    const all = await storage.read((db) => {
      // Any of the tables: the name is not known to the type checker here.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let query = (db as unknown as Kysely<any>).selectFrom(table.name).selectAll();
      for (const column of table.key) query = query.orderBy(column);
      return query.execute();
    });
    rows[table.name] = all.length;
    hash.update(`table ${table.name}\n`);
    for (const raw of all) {
      hash.update(JSON.stringify(table.decode(raw), (_, value: unknown) => canonical(value)));
      hash.update('\n');
    }
  }
  return { checksum: hash.digest('hex'), rows };
};
