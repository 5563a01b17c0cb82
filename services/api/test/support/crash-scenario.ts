/**
 * A long scenario for the crash tests: agreements, trades (some repeated, some cancelled),
 * re-attachments, rate changes, payout runs every few hundred lines, and bad lines. Seeded
 * (mulberry32), so a failure replays with the printed seed.
 */
export const crashScenario = (seed: number, tradeLines: number): string[] => {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <A>(items: readonly A[]): A => items[Math.floor(random() * items.length)] as A;
  const partners = ['P1', 'P2', 'P3', 'P4'];
  const clients = Array.from({ length: 30 }, (_, i) => `C${i + 1}`);
  let minute = 0;
  const at = (): string => {
    minute += 1;
    return new Date(Date.UTC(2026, 8, 1) + minute * 60_000).toISOString();
  };
  const lines: string[] = [
    JSON.stringify({ type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: at() }),
    JSON.stringify({ type: 'set-remuneration', accountType: 'ECN', usdPerLot: '7.5', at: at() }),
    ...partners.map((partnerId) =>
      JSON.stringify({ type: 'register-partner', partnerId, model: 'agent', at: at() }),
    ),
    ...partners.map((partnerId) =>
      JSON.stringify({ type: 'set-rebate-rate', partnerId, percent: '30', at: at() }),
    ),
    ...clients.map((clientId) =>
      JSON.stringify({ type: 'attach-client', partnerId: pick(partners), clientId, at: at() }),
    ),
  ];
  const trades: string[] = [];
  for (let i = 1; i <= tradeLines; i += 1) {
    const roll = random();
    if (roll < 0.02) {
      lines.push('not json');
    } else if (roll < 0.04 && trades.length > 0) {
      lines.push(pick(trades)); // a duplicate
    } else if (roll < 0.06 && trades.length > 0) {
      const tradeId = JSON.parse(pick(trades)).tradeId as string;
      lines.push(JSON.stringify({ type: 'trade-cancelled', tradeId, at: at() }));
    } else if (roll < 0.075) {
      // A re-attachment, sometimes to the same partner (an accepted no-op).
      lines.push(
        JSON.stringify({
          type: 'attach-client',
          partnerId: pick(partners),
          clientId: pick(clients),
          at: at(),
        }),
      );
    } else if (roll < 0.085) {
      lines.push(
        JSON.stringify({
          type: 'set-rebate-rate',
          partnerId: pick(partners),
          percent: String(Math.floor(random() * 60)),
          at: at(),
        }),
      );
    } else if (roll < 0.09) {
      lines.push(JSON.stringify({ type: 'run-payouts', minimumUsd: '1', at: at() }));
    } else {
      const trade = JSON.stringify({
        type: 'trade-closed',
        tradeId: `T${i}`,
        clientId: pick(clients),
        accountType: pick(['FIXED', 'ECN']),
        symbol: 'EURUSD',
        lots: (Math.floor(random() * 500) / 100 + 0.01).toFixed(2),
        closedAt: at(),
      });
      trades.push(trade);
      lines.push(trade);
    }
  }
  lines.push(JSON.stringify({ type: 'run-payouts', at: at() }));
  return lines;
};
