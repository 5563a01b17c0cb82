import { v5 as uuidv5 } from 'uuid';

/**
 * Stream layout (see docs/architecture.md):
 * - `agreements`: every partner and broker command; low volume, one total order, cached in memory.
 * - `trade-<tradeId>`: one short stream per trade (accrual, maybe a reversal); its existence is
 *   the duplicate check, so no history is ever scanned.
 * - `payouts`: every payout requested, the stream the payout service subscribes to.
 */
export const AGREEMENTS_STREAM = 'agreements';
export const PAYOUTS_STREAM = 'payouts';
export const TRADE_STREAM_PREFIX = 'trade-';
export const tradeStream = (tradeId: string): string => `${TRADE_STREAM_PREFIX}${tradeId}`;

/** Namespace of every event id this ledger derives (UUID v5). */
const LEDGER_NAMESPACE = '6f1d8a52-3c1e-5b7a-9d4e-2a8b0c7e5f31';

/**
 * A trade's events get ids derived from the trade id alone, so a trade redelivered by Kafka,
 * even after a crash between append and offset commit, can never be stored twice.
 */
export const tradeEventId = (tradeId: string, action: 'closed' | 'cancelled'): string =>
  uuidv5(`trade-${action}:${tradeId}`, LEDGER_NAMESPACE);

/** Other events get ids derived from the id of the command that caused them. */
export const commandEventId = (commandId: string, index: number): string =>
  uuidv5(`command:${commandId}:${index}`, LEDGER_NAMESPACE);
