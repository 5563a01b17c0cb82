import * as t from 'io-ts';

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
