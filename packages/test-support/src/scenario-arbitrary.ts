import fc from 'fast-check';

/**
 * Random scenarios in the rules' input format, small enough to shrink well: a few partners of
 * mixed models, clients that move between them, rates, switches, cancels, trades closing out of
 * order, redeliveries, voids and payout runs.
 */

export type Line = Record<string, unknown>;

const BASE = Date.UTC(2026, 8, 1);
const MINUTE = 60_000;
export const timeAt = (minute: number): string =>
  new Date(BASE + minute * MINUTE).toISOString().replace('.000Z', 'Z');

const partnerIds = ['P1', 'P2', 'P3'];
const clientIds = ['C1', 'C2', 'C3', 'C4', 'C5'];
const accountTypes = ['FIXED', 'STANDARD', 'ECN'];

const partnerId = fc.constantFrom(...partnerIds);
const clientId = fc.constantFrom(...clientIds);
const maybeClient = fc.option(clientId, { nil: undefined });
// Realistic values half of the time, so balances grow past a cent and payouts happen.
const lots = fc.oneof(
  fc.constantFrom('0.01', '0.1', '1', '5', '10', '2.37'),
  fc.integer({ min: 1, max: 50_000 }).map((n) => (n / 100).toFixed(2)),
);
const percent = fc.oneof(
  fc.constantFrom('0', '10', '20', '33.33', '50', '100'),
  fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2)),
);
const usdPerLot = fc.oneof(
  fc.constantFrom('0', '2.5', '7', '15'),
  fc.integer({ min: 0, max: 200_000 }).map((n) => (n / 10_000).toFixed(4)),
);

/** Setup that is always accepted: broker schedule, partners, first attachments. */
export const setupLines = fc
  .tuple(
    fc.array(usdPerLot, { minLength: 3, maxLength: 3 }),
    fc.array(fc.constantFrom('agent', 'agent', 'introducer'), { minLength: 3, maxLength: 3 }),
    fc.array(partnerId, { minLength: 5, maxLength: 5 }),
    fc.array(percent, { minLength: 3, maxLength: 3 }),
    // Version 2: any tree over P1-P3 (rules section 12): P2 under P1 or not, P3 under P1, P2
    // or neither, so chains, siblings and separate trees all occur.
    fc.tuple(fc.constantFrom(undefined, 'P1'), fc.constantFrom(undefined, 'P1', 'P2')),
  )
  .map(([prices, models, owners, defaults, [p2Parent, p3Parent]]): Line[] => [
    ...accountTypes.map((accountType, i) => ({
      type: 'set-remuneration',
      accountType,
      usdPerLot: prices[i],
      at: timeAt(0),
    })),
    ...partnerIds.map((id, i) => ({
      type: 'register-partner',
      partnerId: id,
      model: models[i],
      at: timeAt(0),
      parentId: id === 'P2' ? p2Parent : id === 'P3' ? p3Parent : undefined,
    })),
    ...clientIds.map((id, i) => ({
      type: 'attach-client',
      partnerId: owners[i],
      clientId: id,
      at: timeAt(i),
    })),
    ...partnerIds.flatMap((id, i) =>
      models[i] === 'agent'
        ? [{ type: 'set-rebate-rate', partnerId: id, percent: defaults[i], at: timeAt(9) }]
        : [],
    ),
  ]);

const commandAt = (minute: number) =>
  fc
    .oneof(
      fc.record({
        type: fc.constant('set-rebate-rate'),
        partnerId,
        percent,
        clientId: maybeClient,
      }),
      fc.record({ type: fc.constant('suspend-rebates'), partnerId, clientId: maybeClient }),
      fc.record({ type: fc.constant('resume-rebates'), partnerId, clientId: maybeClient }),
      fc.record({ type: fc.constant('cancel-rebates'), partnerId, clientId: maybeClient }),
      fc.record({ type: fc.constant('attach-client'), partnerId, clientId }),
      fc.record({
        type: fc.constant('set-remuneration'),
        accountType: fc.constantFrom(...accountTypes),
        usdPerLot,
        partnerId: fc.option(partnerId, { nil: undefined }),
        symbol: fc.option(fc.constantFrom('EURUSD', 'XAUUSD'), { nil: undefined }),
      }),
      fc.record({
        type: fc.constant('set-override-rate'),
        partnerId,
        percent,
        childId: fc.option(partnerId, { nil: undefined }),
      }),
      fc.record({
        type: fc.constant('set-qualification'),
        minHoldSeconds: fc.constantFrom(0, 60, 3600),
        partnerId: fc.option(partnerId, { nil: undefined }),
      }),
      fc.record({ type: fc.constant('set-payout-hold'), days: fc.constantFrom(0, 1, 2) }),
    )
    .map((fields): Line => ({ ...fields, at: timeAt(minute) }));

export const tradeLine = (tradeId: string, lastMinute = 3000) =>
  fc
    .record({
      clientId: fc.constantFrom(...clientIds, 'C-unknown'),
      accountType: fc.constantFrom(...accountTypes, 'CRYPTO'),
      symbol: fc.constantFrom('EURUSD', 'XAUUSD'),
      lots,
      minute: fc.integer({ min: 0, max: lastMinute }),
      // Version 2: held for some minutes, or no openedAt at all (rules section 11).
      heldMinutes: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    })
    .map(({ minute, heldMinutes, ...fields }): Line => ({
      type: 'trade-closed',
      tradeId,
      ...fields,
      closedAt: timeAt(minute),
      ...(heldMinutes === undefined ? {} : { openedAt: timeAt(minute - heldMinutes) }),
    }));

/** Sends some trade lines again, later in the file, exactly as they were. */
const withRedeliveries = (lines: Line[]) =>
  fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }).map((picks) => {
    const trades = lines.filter((line) => line['type'] === 'trade-closed');
    const result = [...lines];
    for (const [which, where] of picks) {
      if (trades.length === 0) break;
      const original = trades[which % trades.length] as Line;
      const after = result.indexOf(original) + 1;
      result.splice(after + (where % (result.length - after + 1)), 0, { ...original });
    }
    return result;
  });

/** Agreement commands at increasing times, interleaved with trades, redeliveries, voids and payouts. */
export const scenarioLines = fc
  .tuple(setupLines, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 60 }))
  .chain(([setup, kinds]) =>
    fc
      .tuple(
        ...kinds.map((kind, i) => {
          const minute = 10 + i * 50;
          if (kind <= 2) return commandAt(minute).map((line) => [line]);
          if (kind <= 7) return tradeLine(`T${i}`, 10 + kinds.length * 50).map((line) => [line]);
          if (kind === 8)
            return fc
              .constantFrom(...kinds.map((_, j) => `T${j}`))
              .map((tradeId) => [{ type: 'trade-cancelled', tradeId, at: timeAt(minute) }]);
          return fc
            .tuple(
              fc.option(fc.constantFrom('0.01', '1', '5'), { nil: undefined }),
              // Version 2: some payouts of the run fail or complete (rules section 9).
              fc.array(fc.tuple(clientId, fc.boolean()), { maxLength: 3 }),
            )
            .map(([minimumUsd, results]) => [
              { type: 'run-payouts', at: timeAt(minute), minimumUsd },
              ...results.map(([client, ok]) => ({
                type: ok ? 'payout-completed' : 'payout-failed',
                payoutId: `${timeAt(minute)}/${client}`,
                at: timeAt(minute + 1),
                ...(ok ? {} : { reason: 'bank refused' }),
              })),
            ]);
        }),
      )
      .map((groups) => [...setup, ...groups.flat()]),
  )
  .chain(withRedeliveries);

/** Setup and commands first, then only trades (no runs, no voids), for order-independence. */
export const tradesAfterTerms = fc
  .tuple(
    setupLines,
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 1, max: 40 }),
  )
  .chain(([setup, commandCount, tradeCount]) =>
    fc.tuple(
      fc.constant(setup),
      fc.tuple(...commandCount.map((_, i) => commandAt(10 + i * 200))),
      fc.tuple(...Array.from({ length: tradeCount }, (_, i) => tradeLine(`T${i}`))),
    ),
  )
  .map(([setup, commands, trades]) => ({
    terms: [...setup, ...commands] as Line[],
    trades: trades as Line[],
  }));

/** Lines that must be rejected without effect. */
export const malformedLine = fc.oneof(
  fc.constant('[1, 2, 3]'),
  fc.constant('{"type": "trade-closed"'),
  fc.string().map((s) => JSON.stringify({ type: 'trade-closed', tradeId: s, lots: 'x' })),
  fc.constant(
    JSON.stringify({
      type: 'trade-closed',
      tradeId: 'TX',
      clientId: 'C1',
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots: '1.005',
      closedAt: timeAt(5),
    }),
  ),
  fc.constant(
    JSON.stringify({ type: 'set-rebate-rate', partnerId: 'P1', percent: '100.01', at: timeAt(5) }),
  ),
  fc.constant(JSON.stringify({ type: 'no-such-type' })),
);

/** Seed for every property run, printed so a failure can be replayed with FC_SEED=... */
export const propertySeed = (name: string): number => {
  const seed = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : Date.now() % 2 ** 31;
  console.log(`[property] ${name}: seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
};
