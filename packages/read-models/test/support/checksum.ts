import { createHash } from 'node:crypto';
import { formatDecimal } from '@rebate/domain';
import type { Projection, ReadModelStorage, Table } from '../../src';

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

/** SHA-256 over every row of every table of the projection, in key order. */
export const checksumOf = async (
  storage: ReadModelStorage,
  projection: Projection,
): Promise<ProjectionChecksum> => {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const table of projection.tables) {
    const all = await storage.rows.scan(table as unknown as Table<object, never>);
    rows[table.name] = all.length;
    hash.update(`table ${table.name}\n`);
    for (const row of all) {
      hash.update(JSON.stringify(row, (_, value: unknown) => canonical(value)));
      hash.update('\n');
    }
  }
  return { checksum: hash.digest('hex'), rows };
};
