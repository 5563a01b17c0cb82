import * as t from 'io-ts';
import { Identifier } from '@rebate/domain';
import { Problem } from '../http/problem';
import { DayText } from '../queries/query-codecs';

/**
 * What the rule discrepancies are reported for, as `rebate audit --partner/--from/--to` takes
 * it: one partner and/or trade close days (UTC, inclusive). Everything is still replayed.
 */
export const AuditScope = t.partial(
  { partnerId: Identifier, from: DayText, to: DayText },
  'AuditScope',
);
export type AuditScope = t.TypeOf<typeof AuditScope>;

/** One number the read models show differently from a replay of the event store. */
export const AuditDifference = t.type(
  {
    kind: t.keyof({ partner: null, client: null }),
    id: t.string,
    field: t.string,
    replayed: t.union([t.string, t.null]),
    readModel: t.union([t.string, t.null]),
  },
  'AuditDifference',
);
export type AuditDifference = t.TypeOf<typeof AuditDifference>;

/** A recorded fact that the rules, replayed at its position, would have decided otherwise. */
export const RuleDiscrepancy = t.type(
  {
    position: t.string,
    streamId: t.string,
    field: t.string,
    recorded: t.string,
    expected: t.string,
  },
  'RuleDiscrepancy',
);

const NullableText = t.union([t.string, t.null]);

/** The chain verification, as `rebate audit --format json` prints it under `chain`. */
export const ChainCheck = t.type(
  {
    /** True only when every event (and seal) verified. */
    verified: t.boolean,
    scope: t.union([t.keyof({ global: null, stream: null }), t.null]),
    eventsVerified: t.number,
    sealsVerified: t.number,
    /** EventStoreDB: events after the last seal, vouched for by their stream's chain only. */
    unsealedEvents: t.number,
    /** The last event verified: keep it, `rebate audit --anchor POSITION:HASH` proves it later. */
    head: t.union([t.type({ position: t.string, hash: t.string }), t.null]),
    /** Where verification stopped, and why. */
    firstBad: t.union([
      t.type({
        position: NullableText,
        streamId: NullableText,
        revision: t.union([t.number, t.null]),
        problem: t.keyof({
          unreadable: null,
          'missing-hash': null,
          'hash-mismatch': null,
          'revision-gap': null,
          'seal-mismatch': null,
          'seal-chain': null,
          'anchor-mismatch': null,
          'no-chain': null,
        }),
        detail: t.string,
      }),
      t.null,
    ]),
  },
  'ChainCheck',
);

const AuditReportFields = t.type(
  {
    scope: AuditScope,
    /** The store position the replay and the read models were compared at. */
    position: t.union([t.string, t.null]),
    /** The chain intact, no rule discrepancy, and the read models agreeing with the replay. */
    consistent: t.boolean,
    /** The whole chain, verified from the first event whatever the scope. */
    chain: ChainCheck,
    partners: t.number,
    clients: t.number,
    /** Writes kept arriving during every attempt: differences may be theirs. */
    concurrentWrites: t.boolean,
    differences: t.array(AuditDifference),
    /** Events replayed and the facts re-derived from the rules. */
    events: t.number,
    accrualsChecked: t.number,
    reversalsChecked: t.number,
    payoutsChecked: t.number,
    ruleDiscrepancies: t.array(RuleDiscrepancy),
  },
  'AuditReportFields',
);

export const AuditReport = t.intersection(
  [
    AuditReportFields,
    /** Set when a broken chain left an event the replay could not read (the counts are 0). */
    t.partial({ replay: t.string }),
  ],
  'AuditReport',
);
export type AuditReport = t.TypeOf<typeof AuditReport>;

/**
 * An audit run as a job (`POST /v1/audits` answers 202 with its Location). `running` until it
 * has a report (`succeeded`) or a problem (`failed`); a job waiting behind another is `running`
 * in phase `queued`.
 */
export const AuditJob = t.intersection(
  [
    t.type({
      id: t.string,
      status: t.keyof({ running: null, succeeded: null, failed: null }),
      scope: AuditScope,
      requestedAt: t.string,
    }),
    t.partial({
      finishedAt: t.string,
      progress: t.intersection([
        t.type({
          phase: t.keyof({ queued: null, verifying: null, replaying: null, comparing: null }),
          /** Events replayed so far (counted every few thousand). */
          eventsReplayed: t.number,
        }),
        /** Phase `verifying`: events whose chain hash was verified so far. */
        t.partial({ eventsVerified: t.number }),
      ]),
      report: AuditReport,
      problem: Problem,
    }),
  ],
  'AuditJob',
);
export type AuditJob = t.TypeOf<typeof AuditJob>;
