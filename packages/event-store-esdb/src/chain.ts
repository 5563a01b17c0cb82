import type { EventChain } from '@rebate/event-store';
import { readChainLinks } from './chain-links';
import type { EsdbContext } from './client';
import { readSeals, sealChain } from './seals';

/** The chain of an EventStoreDB store: per stream, bound into the global order by seals. */
export function esdbEventChain(ctx: EsdbContext): EventChain {
  return {
    scope: 'stream',
    links: (options) => readChainLinks(ctx, options),
    seals: () => readSeals(ctx),
    seal: () => sealChain(ctx),
  };
}
