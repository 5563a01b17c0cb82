import type { ChainLink, ChainReadOptions } from '@rebate/event-store';
import type { EsdbContext } from './client';
import { toChainLink } from './codec';
import { readAllVisible } from './reads';

/** Every event of the store (seals excluded) with its stored chain hash, in `$all` order. */
export async function* readChainLinks(
  ctx: EsdbContext,
  options: ChainReadOptions = {},
): AsyncGenerator<ChainLink> {
  for await (const { event, streamId, position } of readAllVisible(ctx, options)) {
    yield toChainLink(event, streamId, position);
  }
}
