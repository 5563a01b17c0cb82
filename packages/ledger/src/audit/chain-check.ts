import {
  type ChainAnchor,
  type ChainProblemKind,
  type ChainScope,
  EventDecodingError,
  type EventStore,
  isChainHash,
  verifyChain,
} from '@rebate/event-store';

/** The tamper-evidence part of an audit report: JSON-ready (positions as decimal strings). */
export interface ChainCheck {
  /** True only when every event (and seal, and anchor) verified. */
  readonly verified: boolean;
  readonly scope: ChainScope | null;
  readonly eventsVerified: number;
  readonly sealsVerified: number;
  /** EventStoreDB: events after the last seal, vouched for by their stream's chain only. */
  readonly unsealedEvents: number;
  /** The last event verified: keep it; a later `--anchor POSITION:HASH` proves it unchanged. */
  readonly head: { readonly position: string; readonly hash: string } | null;
  /** Where verification stopped, and why. */
  readonly firstBad: {
    readonly position: string | null;
    readonly streamId: string | null;
    readonly revision: number | null;
    readonly problem: ChainProblemKind | 'no-chain';
    readonly detail: string;
  } | null;
}

export interface ChainCheckOptions {
  readonly anchors?: readonly ChainAnchor[];
  readonly onProgress?: (eventsVerified: number) => void;
}

/**
 * Verifies the store's whole chain from the first event (docs/architecture.md, "Tamper
 * evidence"), whatever part of the ledger the rest of the audit looks at. A store without a
 * chain fails: an audit must never pass on a history it cannot prove. A seal that cannot be
 * decoded is reported like a damaged event; other errors (the store unreachable) are thrown.
 */
export const checkLedgerChain = async (
  store: EventStore,
  options: ChainCheckOptions = {},
): Promise<ChainCheck> => {
  const none = { eventsVerified: 0, sealsVerified: 0, unsealedEvents: 0, head: null };
  if (store.chain === undefined) {
    return {
      ...none,
      verified: false,
      scope: null,
      firstBad: {
        position: null,
        streamId: null,
        revision: null,
        problem: 'no-chain',
        detail: 'this event store keeps no chain hashes: its history cannot be proved',
      },
    };
  }
  try {
    const verification = await verifyChain(store.chain, options);
    const { problem, head } = verification;
    return {
      verified: verification.ok,
      scope: verification.scope,
      eventsVerified: verification.eventsVerified,
      sealsVerified: verification.sealsVerified,
      unsealedEvents: verification.unsealedEvents,
      head: head === undefined ? null : { position: head.position.toString(), hash: head.hash },
      firstBad:
        problem === undefined
          ? null
          : {
              position: problem.position.toString(),
              streamId: problem.streamId ?? null,
              revision: problem.revision ?? null,
              problem: problem.kind,
              detail: problem.detail,
            },
    };
  } catch (error) {
    if (!(error instanceof EventDecodingError)) throw error;
    return {
      ...none,
      verified: false,
      scope: store.chain.scope,
      firstBad: {
        position: error.position.toString(),
        streamId: error.streamId,
        revision: error.revision,
        problem: 'unreadable',
        detail: error.reason,
      },
    };
  }
};

/** Reads `POSITION:HASH` (as a report's `chain.head` prints them) into an anchor. */
export const parseChainAnchor = (text: string): ChainAnchor => {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  const hash = match?.[2];
  if (match?.[1] === undefined || !isChainHash(hash)) {
    throw new TypeError(
      `anchor must be POSITION:HASH (64 hex digits), got ${JSON.stringify(text)}`,
    );
  }
  return { position: BigInt(match[1]), hash };
};

/** One line for a terminal. */
export const describeChainCheck = (check: ChainCheck): string => {
  if (check.verified) {
    const head = check.head === null ? 'empty' : `head ${check.head.position} ${check.head.hash}`;
    const seals =
      check.scope === 'stream'
        ? `, ${check.sealsVerified} seals, ${check.unsealedEvents} unsealed`
        : '';
    return `chain verified: ${check.eventsVerified} events${seals}, ${head}`;
  }
  const bad = check.firstBad;
  const where = [
    bad?.position === null || bad === null ? undefined : `position ${bad.position}`,
    bad?.streamId ? `stream ${bad.streamId}` : undefined,
    bad?.revision === null || bad === null ? undefined : `revision ${bad.revision}`,
  ].filter((part) => part !== undefined);
  return `chain BROKEN at ${where.join(', ')}: ${bad?.problem ?? 'unknown'}: ${bad?.detail ?? ''}`;
};
