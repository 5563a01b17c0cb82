import {
  type ChainLink,
  type ChainReadOptions,
  type EventChain,
  paginate,
} from '@rebate/event-store';
import { decodeChainRow } from '@rebate/sql';
import { PAGE_SIZE } from './reads';
import type { Statements } from './statements';

/** The stored chain: one chain over every event in position order. */
export function sqliteEventChain(statements: Statements): EventChain {
  return {
    scope: 'global',
    links: (options: ChainReadOptions = {}): AsyncIterable<ChainLink> =>
      paginate(
        (limit, last: ChainLink | undefined) => {
          const after = last?.position ?? options.after ?? 0n;
          return statements.chainLinks.all(after, limit).map(decodeChainRow);
        },
        { pageSize: PAGE_SIZE },
      ),
  };
}
