import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@eventstore/db-client';
import type { EventFilter, StreamId } from '@rebate/event-store';

/**
 * The stream of chain seals (see seals.ts): the store's own, like ESDB's `$` streams are the
 * server's. Never written by callers and never shown by reads or subscriptions, so the ledger,
 * projections and audits never meet a seal.
 */
export const SEALS_STREAM = 'ledger-seals';

/**
 * What one store sees of a server. `$all` holds ESDB's own system events ('$' streams and types),
 * which the port must never show, and optionally a namespace: a prefix put on every stream id so
 * that stores on one shared server (test runs, tenants) never see each other's events.
 */
export class StreamScope {
  constructor(readonly namespace = '') {
    if (namespace.startsWith('$')) throw new RangeError(`namespace must not start with '$'`);
  }

  /** The ESDB stream name of a port stream id. */
  toEsdb(streamId: StreamId): string {
    if (typeof streamId !== 'string' || streamId === '' || streamId.startsWith('$')) {
      // ESDB reserves '$' streams for itself; reads of $all skip them.
      throw new TypeError(`stream id must be non-empty and not start with '$': ${streamId}`);
    }
    if (streamId === SEALS_STREAM) throw new TypeError(`stream ${SEALS_STREAM} is the store's own`);
    return this.namespace + streamId;
  }

  /** The ESDB stream name of the seals stream. */
  get sealsStream(): string {
    return this.namespace + SEALS_STREAM;
  }

  /**
   * The port stream id of an event in `$all`, or undefined when this store must not show it:
   * a system event, another namespace's event, or one the filter rejects.
   */
  visible(esdbStream: string, type: string, filter?: EventFilter): StreamId | undefined {
    if (esdbStream.startsWith('$') || type.startsWith('$')) return undefined;
    if (!esdbStream.startsWith(this.namespace)) return undefined;
    const streamId = esdbStream.slice(this.namespace.length);
    if (streamId === SEALS_STREAM) return undefined;
    if (filter?.streamPrefixes && !filter.streamPrefixes.some((p) => streamId.startsWith(p))) {
      return undefined;
    }
    if (filter?.eventTypes && !filter.eventTypes.includes(type)) return undefined;
    return streamId;
  }

  /**
   * The server-side filter for a subscription: it only narrows what crosses the network; `visible`
   * still decides exactly. ESDB filters on stream name or event type, never both, and matches
   * prefixes, so event types go through as prefixes of themselves. An empty list matches nothing
   * client-side; it is not sent, since an empty prefix list means something else to the server.
   */
  serverFilter(filter?: EventFilter): Filter {
    const prefixes = filter?.streamPrefixes;
    if (prefixes && prefixes.length > 0) {
      return streamNameFilter({ prefixes: prefixes.map((p) => this.namespace + p) });
    }
    if (this.namespace !== '') return streamNameFilter({ prefixes: [this.namespace] });
    const types = filter?.eventTypes;
    if (types && types.length > 0) return eventTypeFilter({ prefixes: [...types] });
    return excludeSystemEvents();
  }
}

/** True when a filter can match no event at all (an empty list), so a read can stop at once. */
export function matchesNothing(filter?: EventFilter): boolean {
  return filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
}
