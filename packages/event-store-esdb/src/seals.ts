import { BACKWARDS, END, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { randomUUID } from 'node:crypto';
import {
  EventDecodingError,
  GENESIS_HASH,
  type ChainSeal,
  SealDigest,
  describeDecodeFailure,
  isChainHash,
} from '@rebate/event-store';
import { BigIntFromDb } from '@rebate/sql';
import { drain, streamReadPosition, type EsdbContext } from './client';
import { isWrongExpectedVersion } from './esdb-errors';
import { usablePosition } from './positions';
import { headPosition } from './reads';
import { readChainLinks } from './chain-links';
import { fromEsdbRevision } from './revisions';
import { SEALS_STREAM } from './scope';

/**
 * Seals. Appends to different ESDB streams are not serialised, so each stream has its own
 * chain; a seal binds them all into the global order: the digest (`SealDigest`) of every event's
 * chain hash in `$all` order after the previous seal, up to `upTo`. Seals follow each other (each
 * names the previous one's hash) in the store's own stream `ledger-seals`, appended with an exact
 * expected revision, so two sealers racing leave one seal, never a fork.
 */

export const SEAL_TYPE = 'ChainSealed';

const SealData = t.type({
  upTo: BigIntFromDb,
  events: t.number,
  previous: t.string,
  hash: t.string,
});

const SEAL_READ = 500;

/** Every seal, oldest first; a seal that does not decode is reported with its position. */
export async function* readSeals(ctx: EsdbContext): AsyncGenerator<ChainSeal> {
  let from = START as typeof START | bigint;
  for (;;) {
    const read = ctx.client.readStream(ctx.scope.sealsStream, {
      direction: FORWARDS,
      fromRevision: from,
      maxCount: SEAL_READ,
    });
    let seen = 0;
    for await (const { event } of drain(read)) {
      if (!event) continue;
      seen += 1;
      yield toSeal(event);
      from = event.revision + 1n;
    }
    if (seen < SEAL_READ) return;
  }
}

async function lastSeal(ctx: EsdbContext): Promise<ChainSeal | undefined> {
  const read = ctx.client.readStream(ctx.scope.sealsStream, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
  });
  for await (const { event } of drain(read)) if (event) return toSeal(event);
  return undefined;
}

function toSeal(event: Parameters<typeof streamReadPosition>[0]): ChainSeal {
  const position = streamReadPosition(event);
  const sequence = fromEsdbRevision(event.revision);
  const decoded = SealData.decode(event.data);
  if (isLeft(decoded) || !isChainHash(decoded.right.hash) || !isChainHash(decoded.right.previous)) {
    const reason = isLeft(decoded) ? describeDecodeFailure(SealData, event.data) : 'not a hash';
    throw new EventDecodingError(SEALS_STREAM, sequence, position, `seal: ${reason}`);
  }
  return { position, sequence, ...decoded.right };
}

/**
 * Seals every event up to the current head. Undefined when there is nothing new to seal, or
 * when another process sealed at the same moment (its seal stands; seal again later).
 */
export async function sealChain(ctx: EsdbContext): Promise<ChainSeal | undefined> {
  const previous = await lastSeal(ctx);
  const upTo = await headPosition(ctx);
  if (upTo === undefined || (previous !== undefined && upTo <= previous.upTo)) return undefined;
  const previousHash = previous?.hash ?? GENESIS_HASH;
  const digest = new SealDigest(previousHash, upTo);
  for await (const link of readChainLinks(ctx, { after: previous?.upTo })) {
    if (link.position > upTo) break;
    if (link.hash === null) {
      throw new Error(`cannot seal: the event at ${link.position.toString()} has no chain hash`);
    }
    digest.add(link.hash);
  }
  const events = digest.events;
  const hash = digest.finish();
  const data = { upTo: upTo.toString(), events, previous: previousHash, hash };
  try {
    const result = await ctx.client.appendToStream(
      ctx.scope.sealsStream,
      [jsonEvent({ id: randomUUID(), type: SEAL_TYPE, data, metadata: { schemaVersion: 1 } })],
      { expectedRevision: previous === undefined ? 'no_stream' : BigInt(previous.sequence) },
    );
    if (!result.success) return undefined;
    const sequence = previous === undefined ? 0 : previous.sequence + 1;
    const position = usablePosition(result.position) ?? upTo;
    return { position, sequence, upTo, events, previous: previousHash, hash };
  } catch (error) {
    if (isWrongExpectedVersion(error)) return undefined;
    throw error;
  }
}
