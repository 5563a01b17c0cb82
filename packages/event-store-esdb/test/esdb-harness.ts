import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventStore } from '@rebate/event-store';
import type { ContractHarness, ContractStore } from '@rebate/event-store/contract';
import { createEsdbEventStore, createEsdbEventStoreFromClient, type EsdbClient } from '../src';

/**
 * The contract harness for a real EventStoreDB server. One server serves every test, so each
 * store gets a fresh namespace (a random stream-id prefix) and starts after the server's current
 * head, which makes it empty without scanning the server's history. Not a test file: the contract
 * test and the contract's child processes (`openChildStore`) load it.
 */

/** What a child process needs to open the same store: JSON, so the position is a string. */
interface ChildConfig {
  readonly connectionString: string;
  readonly namespace: string;
  readonly allStartsAfter: string | null;
}

/** The contract's child-process entry: the same namespace, in another process. */
export async function openChildStore(config: ChildConfig): Promise<EventStore> {
  return createEsdbEventStore({
    connectionString: config.connectionString,
    namespace: config.namespace,
    allStartsAfter: config.allStartsAfter === null ? undefined : BigInt(config.allStartsAfter),
  });
}

export function esdbHarness(connectionString: string): ContractHarness {
  return {
    atomicAppendMany: false, // stream by stream; a retry completes a failed call
    checksReplayPayload: false, // ESDB deduplicates by id only
    globalEventIds: false, // ESDB deduplicates within a stream only
    childEntry: { modulePath: __filename, exportName: 'openChildStore' },
    createStore: () => createContractStore(connectionString),
  };
}

async function createContractStore(connectionString: string): Promise<ContractStore> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const namespace = `contract-${randomUUID()}-`;
  const allStartsAfter = await serverHead(client);
  let fetched = 0;
  const corrupted = new Set<bigint>();
  const instrumented = instrument(client, {
    fetched: () => (fetched += 1),
    corrupted: (position) => position !== undefined && corrupted.has(position),
  });
  const store = createEsdbEventStoreFromClient(instrumented, { namespace, allStartsAfter });
  return {
    store,
    childConfig: {
      connectionString,
      namespace,
      allStartsAfter: allStartsAfter === undefined ? null : allStartsAfter.toString(),
    },
    rowsFetched: () => fetched,
    corruptEvent: async (position) => {
      corrupted.add(position);
    },
    dispose: async () => {
      await store.close();
      await client.dispose();
    },
  };
}

/** Position of the newest record of the whole server, system events included. */
async function serverHead(client: EventStoreDBClient): Promise<bigint | undefined> {
  for await (const { event } of client.readAll({
    direction: BACKWARDS,
    fromPosition: END,
    maxCount: 1,
  })) {
    if (event) return event.position.commit;
  }
  return undefined;
}

interface Hooks {
  fetched(): void;
  corrupted(position: bigint | undefined): boolean;
}

/**
 * The client, watched between server and adapter: counts every event the adapter pulls, and
 * serves the events `corruptEvent` named as the client serves undecodable ones (metadata as raw
 * bytes). ESDB events are immutable, so this is the only way to corrupt one.
 */
function instrument(client: EventStoreDBClient, hooks: Hooks): EsdbClient {
  const watch = <T extends AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>>(read: T): T => {
    const iterate = read[Symbol.asyncIterator].bind(read);
    Object.defineProperty(read, Symbol.asyncIterator, {
      configurable: true,
      value: async function* () {
        for await (const resolved of { [Symbol.asyncIterator]: iterate }) {
          hooks.fetched();
          const event = resolved.event;
          yield event && hooks.corrupted(event.position?.commit)
            ? { ...resolved, event: { ...event, metadata: Uint8Array.from([0x7b, 0x22]) } }
            : resolved;
        }
      },
    });
    return read;
  };
  return {
    appendToStream: client.appendToStream.bind(client),
    readStream: ((...args: Parameters<EsdbClient['readStream']>) =>
      watch(client.readStream(...args))) as EsdbClient['readStream'],
    readAll: (...args) => watch(client.readAll(...args)),
    subscribeToAll: (...args) => watch(client.subscribeToAll(...args)),
    dispose: () => client.dispose(),
  };
}
