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

export const AuditReport = t.type(
  {
    scope: AuditScope,
    /** The store position the replay and the read models were compared at. */
    position: t.union([t.string, t.null]),
    consistent: t.boolean,
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
      progress: t.type({
        phase: t.keyof({ queued: null, replaying: null, comparing: null }),
        /** Events replayed so far (counted every few thousand). */
        eventsReplayed: t.number,
      }),
      report: AuditReport,
      problem: Problem,
    }),
  ],
  'AuditJob',
);
export type AuditJob = t.TypeOf<typeof AuditJob>;
