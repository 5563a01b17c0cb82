import { type Random, seededRandom } from './random';
import type { OutgoingMessage } from './kafka';

/**
 * A random ingestion scenario: agreement commands (applied first, through the ledger) and the
 * Kafka messages that follow, keyed by clientId as upstream publishes them. The outcome of the
 * trades does not depend on the order BETWEEN partitions: trade ids are unique except exact
 * duplicates and deliberate conflicts, and everything about one trade (its duplicates, its
 * conflict, its cancellation) has the trade's clientId as key, so it stays in the trade's
 * partition, after the trade.
 */
export interface ScenarioMessage extends OutgoingMessage {
  /** The same message as a scenario line, for the reference run (`runScenario`). */
  readonly line: string;
  /** The service's reason where the reference cannot see the message as it is (bytes, type). */
  readonly reason?: string;
  readonly kind: 'trade' | 'duplicate' | 'conflict' | 'cancel' | 'unknown-cancel' | 'malformed';
}

export interface IngestionScenario {
  readonly seed: number;
  readonly commands: readonly string[];
  readonly messages: readonly ScenarioMessage[];
  readonly uniqueTrades: number;
}

export interface ScenarioShape {
  readonly trades: number;
  /** Fractions of the trades that are sent again / conflicted / cancelled. */
  readonly duplicateRate?: number;
  readonly conflictRate?: number;
  readonly cancelRate?: number;
  /** Malformed messages and cancellations of unknown trades. */
  readonly malformed?: number;
}

const BASE = Date.UTC(2026, 8, 1);
const at = (minute: number): string =>
  new Date(BASE + minute * 60_000).toISOString().replace('.000Z', 'Z');

const CLIENTS = Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
const ACCOUNT_TYPES = ['FIXED', 'STANDARD', 'ECN', 'CRYPTO'];

/** Terms in time order (never back-dated): schedules, partners, clients, rates, switches. */
const agreementCommands = (random: Random): Record<string, unknown>[] => {
  const owner = (i: number) => ['P1', 'P2', 'P3'][i % 3] as string;
  const percent = () => (random.int(0, 10_000) / 100).toFixed(2);
  const commands: Record<string, unknown>[] = [
    { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: at(0) },
    { type: 'set-remuneration', accountType: 'STANDARD', usdPerLot: '7', at: at(0) },
    { type: 'set-remuneration', accountType: 'ECN', usdPerLot: '2.5', at: at(0) },
    { type: 'register-partner', partnerId: 'P1', model: 'agent', at: at(0) },
    { type: 'register-partner', partnerId: 'P2', model: 'agent', at: at(0) },
    { type: 'register-partner', partnerId: 'P3', model: 'introducer', at: at(0) },
    {
      type: 'set-remuneration',
      accountType: 'FIXED',
      usdPerLot: '12.5',
      partnerId: 'P2',
      at: at(1),
    },
    ...CLIENTS.map((clientId, i) => ({
      type: 'attach-client',
      partnerId: owner(i),
      clientId,
      at: at(2),
    })),
    { type: 'set-rebate-rate', partnerId: 'P1', percent: percent(), at: at(3) },
    { type: 'set-rebate-rate', partnerId: 'P2', percent: percent(), at: at(3) },
    { type: 'set-rebate-rate', partnerId: 'P1', clientId: 'C04', percent: percent(), at: at(4) },
    { type: 'set-rebate-rate', partnerId: 'P1', percent: percent(), at: at(1000) },
    { type: 'attach-client', partnerId: 'P2', clientId: 'C07', at: at(1200) },
    { type: 'suspend-rebates', partnerId: 'P2', clientId: 'C05', at: at(1500) },
    { type: 'resume-rebates', partnerId: 'P2', clientId: 'C05', at: at(2000) },
    { type: 'cancel-rebates', partnerId: 'P1', clientId: 'C10', at: at(2200) },
  ];
  return commands;
};

interface Malformed {
  readonly value: Buffer | string | null;
  /** What the reference run reads instead, and the reason the service gives. */
  readonly stand?: { readonly line: string; readonly reason: string };
}

const notUtf8 = { line: 'not UTF-8', reason: 'not valid UTF-8 text' };
const MALFORMED: ((random: Random) => Malformed | string)[] = [
  () => '{"type": "trade-closed"',
  () => '[1, 2, 3]',
  () => JSON.stringify({ type: 'trade-closed', tradeId: 'M1', clientId: 'C01', symbol: 'EURUSD' }),
  (random) =>
    JSON.stringify({
      type: 'trade-closed',
      tradeId: `M-lots-${random.int(0, 1e9)}`,
      clientId: 'C01',
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots: '1.005',
      closedAt: at(5),
    }),
  // A valid command, but not a trade message: the reference would apply it.
  () => ({
    value: JSON.stringify({ type: 'register-partner', partnerId: 'PX', model: 'agent', at: at(5) }),
    stand: {
      line: 'not a trade',
      reason: 'type "register-partner" is not a trade message (trade-closed, trade-cancelled)',
    },
  }),
  () => JSON.stringify({ type: 'no-such-type' }),
  () => ({ value: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]), stand: notUtf8 }),
  () => ({ value: null, stand: { line: 'null', reason: 'message has no value' } }),
];

interface Placed {
  readonly order: number;
  readonly message: ScenarioMessage;
}

export const generateScenario = (seed: number, shape: ScenarioShape): IngestionScenario => {
  const random = seededRandom(seed);
  const placed: Placed[] = [];
  const place = (order: number, message: Omit<ScenarioMessage, 'line'> & { line?: string }) =>
    placed.push({ order, message: { ...message, line: message.line ?? String(message.value) } });
  const n = shape.trades;
  const later = (i: number) => i + 0.5 + random.next() * (n - i);

  for (let i = 0; i < n; i += 1) {
    const clientId = random.chance(0.05) ? 'C-unattached' : random.pick(CLIENTS);
    const trade = {
      type: 'trade-closed',
      tradeId: `T${seed}-${i}`,
      clientId,
      accountType: random.pick(ACCOUNT_TYPES),
      symbol: random.pick(['EURUSD', 'XAUUSD', 'BTCUSD']),
      lots: (random.int(1, 50_000) / 100).toFixed(2),
      closedAt: at(random.int(0, 3000)), // out of order on purpose
    };
    const value = JSON.stringify(trade);
    place(i, { key: clientId, value, kind: 'trade' });
    if (random.chance(shape.duplicateRate ?? 0)) {
      place(later(i), { key: clientId, value, kind: 'duplicate' });
    }
    if (random.chance(shape.conflictRate ?? 0)) {
      const conflict = JSON.stringify({ ...trade, lots: '999.99' });
      place(later(i), { key: clientId, value: conflict, kind: 'conflict' });
    }
    if (random.chance(shape.cancelRate ?? 0)) {
      const cancel = { type: 'trade-cancelled', tradeId: trade.tradeId, at: at(3100) };
      // After everything else about this trade, so its duplicates stay duplicates of a live trade.
      place(n + 1 + i, { key: clientId, value: JSON.stringify(cancel), kind: 'cancel' });
    }
  }
  for (let m = 0; m < (shape.malformed ?? 0); m += 1) {
    const order = random.next() * n;
    if (m % 5 === 4) {
      const cancel = { type: 'trade-cancelled', tradeId: `never-${seed}-${m}`, at: at(10) };
      place(order, {
        key: random.pick(CLIENTS),
        value: JSON.stringify(cancel),
        kind: 'unknown-cancel',
      });
    } else {
      const made = (MALFORMED[m % MALFORMED.length] as (r: Random) => Malformed | string)(random);
      const { value, stand } = typeof made === 'string' ? { value: made, stand: undefined } : made;
      place(order, {
        key: random.pick(CLIENTS),
        value,
        kind: 'malformed',
        ...(stand ? { line: stand.line, reason: stand.reason } : {}),
      });
    }
  }
  placed.sort((a, b) => a.order - b.order);
  return {
    seed,
    commands: agreementCommands(random).map((command) => JSON.stringify(command)),
    messages: placed.map((p) => p.message),
    uniqueTrades: n,
  };
};
