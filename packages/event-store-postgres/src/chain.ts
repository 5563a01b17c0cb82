import type { Pool } from 'pg';
import {
  type ChainLink,
  type ChainReadOptions,
  type EventChain,
  paginate,
} from '@rebate/event-store';
import { decodeChainRow } from '@rebate/sql';
import { PAGE_SIZE } from './reads';
import type { Sql } from './sql';

/** The stored chain: one chain over every event in position order. */
export function postgresEventChain(pool: Pool, sql: Sql): EventChain {
  return {
    scope: 'global',
    links: (options: ChainReadOptions = {}): AsyncIterable<ChainLink> =>
      paginate(
        async (limit, last: ChainLink | undefined) => {
          const after = (last?.position ?? options.after ?? 0n).toString();
          const { rows } = await pool.query(sql.chainLinks, [after, limit]);
          return rows.map(decodeChainRow);
        },
        { pageSize: PAGE_SIZE },
      ),
  };
}
