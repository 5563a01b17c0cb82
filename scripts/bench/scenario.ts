/**
 * The generated scenario of the benchmark and the soak (rules v2): partners with sub-partners and
 * override rates, skewed trade volume over many clients, rate changes while trades flow, late
 * trades, exact duplicates, voids (trade-cancelled), qualification by holding time, a payout hold
 * and payout runs with results. Seeded and deterministic: the same seed gives the same lines.
 */

/** mulberry32: small, fast, seeded; enough for generating load (not for security). */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export interface ScenarioShape {
  readonly trades: number;
  readonly partners?: number;
  readonly clients?: number;
  /** A payout run every this many trades (0: none). */
  readonly payoutEvery?: number;
  /** A round of rate changes every this many trades. */
  readonly rateChangeEvery?: number;
}

const BASE = Date.UTC(2026, 8, 1);
export const instantAt = (second: number): string =>
  new Date(BASE + second * 1000).toISOString().replace('.000Z', 'Z');

const ACCOUNT_TYPES = ['FIXED', 'STANDARD', 'ECN'] as const;
const SYMBOLS = ['EURUSD', 'GBPUSD', 'XAUUSD', 'USDJPY'] as const;

export interface Scenario {
  /** Agreement lines that come before any trade. */
  readonly setup: string[];
  /** Everything after: trades, duplicates, voids, rate changes, payout runs and results. */
  readonly flow: FlowLine[];
  readonly clients: readonly string[];
  readonly partners: readonly string[];
}

export type FlowLine =
  | { readonly kind: 'trade' | 'duplicate' | 'cancel'; readonly key: string; readonly line: string }
  | { readonly kind: 'agreement' | 'payout'; readonly line: string };

/** Partner ids: top-level agents P<n>, each with 0-2 sub-partners P<n>s<m> (a chain of depth 2). */
const partnerTree = (count: number, random: () => number) => {
  const partners: { id: string; parentId?: string }[] = [];
  for (let p = 0; partners.length < count; p += 1) {
    const top = `P${p}`;
    partners.push({ id: top });
    const subs = Math.floor(random() * 3);
    for (let s = 0; s < subs && partners.length < count; s += 1) {
      partners.push({ id: `${top}s${s}`, parentId: top });
    }
  }
  return partners;
};

const percent = (random: () => number): string =>
  (5 + Math.floor(random() * 4000) / 100).toFixed(2);

export const generateScenario = (seed: number, shape: ScenarioShape): Scenario => {
  const random = seededRandom(seed);
  const partnerCount = shape.partners ?? 300;
  const clientCount = shape.clients ?? 20_000;
  const payoutEvery = shape.payoutEvery ?? 50_000;
  const rateChangeEvery = shape.rateChangeEvery ?? 20_000;
  const partners = partnerTree(partnerCount, random);
  const json = (value: Record<string, unknown>) => JSON.stringify(value);
  const setup: string[] = [
    json({ type: 'set-payout-hold', days: 1, at: instantAt(0) }),
    json({ type: 'set-qualification', minHoldSeconds: 60, at: instantAt(0) }),
  ];
  for (const [i, accountType] of ACCOUNT_TYPES.entries()) {
    setup.push(
      json({
        type: 'set-remuneration',
        accountType,
        usdPerLot: ['15', '7', '2.5'][i],
        at: instantAt(0),
      }),
    );
  }
  setup.push(
    json({
      type: 'set-remuneration',
      accountType: 'FIXED',
      symbol: 'XAUUSD',
      usdPerLot: '22.5',
      at: instantAt(0),
    }),
  );
  for (const partner of partners) {
    setup.push(
      json({
        type: 'register-partner',
        partnerId: partner.id,
        model: 'agent',
        at: instantAt(0),
        ...(partner.parentId ? { parentId: partner.parentId } : {}),
      }),
    );
  }
  for (const partner of partners) {
    setup.push(
      json({
        type: 'set-rebate-rate',
        partnerId: partner.id,
        percent: percent(random),
        at: instantAt(1),
      }),
    );
    if (partner.parentId !== undefined) {
      setup.push(
        json({
          type: 'set-override-rate',
          partnerId: partner.parentId,
          childId: partner.id,
          percent: (Math.floor(random() * 1000) / 100).toFixed(2),
          at: instantAt(1),
        }),
      );
    }
  }
  const clients: string[] = [];
  for (let c = 0; c < clientCount; c += 1) {
    const clientId = `C${c}`;
    clients.push(clientId);
    const partner = partners[Math.floor(random() * partners.length)]!;
    setup.push(json({ type: 'attach-client', partnerId: partner.id, clientId, at: instantAt(2) }));
  }

  const flow: FlowLine[] = [];
  const recent: { tradeId: string; clientId: string }[] = [];
  let second = 100;
  let runs = 0;
  for (let i = 0; i < shape.trades; i += 1) {
    second += random() < 0.5 ? 1 : 0;
    // Skewed volume: a few clients trade most (u^3 puts most draws on low indices).
    const clientId = clients[Math.floor(clientCount * random() ** 3)]!;
    const late = random() < 0.02; // closed up to an hour before the trades around it
    const closed = late ? Math.max(10, second - Math.floor(random() * 3600)) : second;
    const held = Math.floor(random() * 600);
    const trade = {
      type: 'trade-closed',
      tradeId: `T${seed}-${i}`,
      clientId,
      accountType: ACCOUNT_TYPES[Math.floor(random() * 3)],
      symbol: SYMBOLS[Math.floor(random() * SYMBOLS.length)],
      lots: (Math.floor(random() * 500) / 100 + 0.01).toFixed(2),
      closedAt: instantAt(closed),
      openedAt: instantAt(closed - held),
    };
    const line = json(trade);
    flow.push({ kind: 'trade', key: clientId, line });
    recent.push({ tradeId: trade.tradeId, clientId });
    if (recent.length > 1000) recent.shift();
    if (random() < 0.01) flow.push({ kind: 'duplicate', key: clientId, line });
    if (random() < 0.005 && recent.length > 10) {
      const victim = recent.splice(Math.floor(random() * (recent.length - 1)), 1)[0]!;
      flow.push({
        kind: 'cancel',
        key: victim.clientId,
        line: json({ type: 'trade-cancelled', tradeId: victim.tradeId, at: instantAt(second) }),
      });
    }
    if (rateChangeEvery > 0 && i % rateChangeEvery === rateChangeEvery - 1) {
      for (let k = 0; k < 5; k += 1) {
        const partner = partners[Math.floor(random() * partners.length)]!;
        flow.push({
          kind: 'agreement',
          line: json({
            type: 'set-rebate-rate',
            partnerId: partner.id,
            percent: percent(random),
            at: instantAt(second),
          }),
        });
      }
    }
    if (payoutEvery > 0 && i % payoutEvery === payoutEvery - 1) {
      runs += 1;
      const runId = `R${runs}`;
      flow.push({
        kind: 'payout',
        line: json({ type: 'run-payouts', runId, at: instantAt(second + 2 * 86_400) }),
      });
      // The heaviest clients are paid in every run: report results for a few of them.
      for (let c = 0; c < 4; c += 1) {
        const result =
          c === 3
            ? {
                type: 'payout-failed',
                payoutId: `${runId}/C${c}`,
                reason: 'bank rejected',
                at: instantAt(second + 2 * 86_400 + 60),
              }
            : {
                type: 'payout-completed',
                payoutId: `${runId}/C${c}`,
                at: instantAt(second + 2 * 86_400 + 60),
              };
        flow.push({ kind: 'payout', line: json(result) });
      }
    }
  }
  return { setup, flow, clients, partners: partners.map((p) => p.id) };
};

/** Every line in order, as `rebate simulate` reads them. */
export const scenarioLines = (scenario: Scenario): string[] => [
  ...scenario.setup,
  ...scenario.flow.map((f) => f.line),
];
