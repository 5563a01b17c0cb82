/**
 * Stored events are never rewritten: a payload stored under an older schema version is brought
 * to the current one here, on every read path, before it is decoded. One function per
 * (type, version) step; a step takes the payload of version n and returns version n + 1.
 */

type Payload = Record<string, unknown>;
type Step = (data: Payload) => Payload;

const steps: Readonly<Record<string, Readonly<Record<number, Step>>>> = {
  // v2: sub-partners (rules section 12). Older partners have no parent.
  PartnerRegistered: { 1: (data) => ({ ...data, parentId: null }) },
  // v2: symbol rates (section 13). Older rates apply to every symbol.
  RemunerationSet: { 1: (data) => ({ ...data, symbol: null }) },
  // v2: qualification (section 11) and overrides (section 12). Older trades had no minimum in
  // force, so they qualified, and no partner had a parent.
  RebateAccrued: {
    1: (data) => ({
      ...data,
      openedAt: null,
      qualification: { minHoldSeconds: 0, heldSeconds: null, qualified: true },
      overrides: [],
    }),
  },
  TradeUnattributed: { 1: (data) => ({ ...data, openedAt: null }) },
  RebateReversed: { 1: (data) => ({ ...data, overrides: [], qualified: true }) },
  // v2: the position the run's balances were read at (issue 10). A version-1 run was decided
  // on every event before it.
  PayoutRunRecorded: { 1: (data) => ({ ...data, balancesAt: null }) },
  // v2: payout ids (section 9). A version-1 run had no id but its instant, and paid from the
  // client's balance with the partner it was attached to at the run.
  PayoutRequested: {
    1: (data) => ({
      payoutId: `${String(data['at'])}/${String(data['clientId'])}`,
      runId: data['at'],
      clientId: data['clientId'],
      amount: data['amount'],
      allocations:
        typeof data['partnerId'] === 'string'
          ? [{ partnerId: data['partnerId'], amount: data['amount'] }]
          : [],
      partnerId: data['partnerId'],
      at: data['at'],
    }),
  },
};

/** The payload at `targetVersion`, from the one stored at `storedVersion`. */
export const upcast = (
  type: string,
  storedVersion: number,
  targetVersion: number,
  data: Payload,
): Payload => {
  let payload = data;
  for (let version = storedVersion; version < targetVersion; version += 1) {
    const step = steps[type]?.[version];
    if (step) payload = step(payload);
  }
  return payload;
};
