import { type Either, isLeft } from 'fp-ts/Either';
import {
  type AgreementBook,
  type AgreementCommand,
  type AgreementEvent,
  type Big,
  type Command,
  type PayoutRequested,
  type RebateAccrued,
  type Rejection,
  type RunPayouts,
  type TradeClosed,
  type TradeCommand,
  type TradeEvent,
  type TradeState,
  Decimal,
  absentTrade,
  decideAgreement,
  currentPartnerId,
  decidePayoutRun,
  emptyPayoutBook,
  decideTrade,
  decodeLine,
  emptyBook,
  evolveBook,
  evolveTrade,
  formatDecimal,
} from '../src';

/** Test helpers: write commands as the rules' input lines, so tests read like scenarios. */

export const command = (fields: Record<string, unknown>): Command => {
  const decoded = decodeLine(JSON.stringify(fields));
  if (isLeft(decoded)) throw new Error(`bad test input ${JSON.stringify(fields)}: ${decoded.left}`);
  return decoded.right;
};

/** Folds agreement commands into a book; any rejection fails the test setup. */
export const bookOf = (...lines: Record<string, unknown>[]): AgreementBook =>
  lines.reduce((book, fields) => applyTo(book, fields), emptyBook);

export const rejectionOf = (
  book: AgreementBook,
  fields: Record<string, unknown>,
): string | undefined => {
  const decision = decideAgreement(command(fields) as AgreementCommand, book);
  return isLeft(decision) ? decision.left.reason : undefined;
};

/** Applies one more agreement command to a book. */
export const applyTo = (book: AgreementBook, fields: Record<string, unknown>): AgreementBook => {
  const decision = decideAgreement(command(fields) as AgreementCommand, book);
  if (isLeft(decision))
    throw new Error(`rejected ${JSON.stringify(fields)}: ${decision.left.reason}`);
  return decision.right.reduce(evolveBook, book);
};

/** A trade-closed command: `tradeLine(fields)`, decoded. */
export const trade = (fields: Partial<Record<string, unknown>> = {}): TradeClosed =>
  command(tradeLine(fields)) as TradeClosed;

export const dec = (text: string) => Decimal(text);

/** A broker paying 15 USD per FIXED lot, one agent partner P1 with client C1 from 09-01. */
export const agentWithClient = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: '2026-09-01T00:00:00Z' },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
];

/* ---------------------------------------------------------------------------------------------
 * Helpers of the pure domain suite. Every expected value in the tests is worked out by hand from
 * the rules; these only shorten the plumbing (decode a line, decide, fold the events).
 * ------------------------------------------------------------------------------------------- */

/** The full decision of an agreement command (events or the rejection). */
export const agreementDecision = (
  book: AgreementBook,
  fields: Record<string, unknown>,
): Either<Rejection, AgreementEvent[]> =>
  decideAgreement(command(fields) as AgreementCommand, book);

/** The rejection of an agreement command, or a test failure when it was accepted. */
export const rejected = (book: AgreementBook, fields: Record<string, unknown>): Rejection => {
  const decision = agreementDecision(book, fields);
  if (isLeft(decision)) return decision.left;
  throw new Error(`expected a rejection of ${JSON.stringify(fields)}, got events`);
};

/** The events of an accepted agreement command, or a test failure when it was rejected. */
export const accepted = (
  book: AgreementBook,
  fields: Record<string, unknown>,
): AgreementEvent[] => {
  const decision = agreementDecision(book, fields);
  if (isLeft(decision))
    throw new Error(`rejected ${JSON.stringify(fields)}: ${decision.left.reason}`);
  return decision.right;
};

/** The trade stream after these events. */
export const tradeStateOf = (events: readonly TradeEvent[]): TradeState =>
  events.reduce(evolveTrade, absentTrade);

/** Decides a trade command (given as its input line) against a book and the trade's history. */
export const tradeDecision = (
  book: AgreementBook,
  fields: Record<string, unknown>,
  history: readonly TradeEvent[] = [],
): Either<Rejection, TradeEvent[]> =>
  decideTrade(command(fields) as TradeCommand, { trade: tradeStateOf(history), book });

/** The events of an accepted trade command; a test failure when it was rejected. */
export const tradeEvents = (
  book: AgreementBook,
  fields: Record<string, unknown>,
  history: readonly TradeEvent[] = [],
): TradeEvent[] => {
  const decision = tradeDecision(book, fields, history);
  if (isLeft(decision))
    throw new Error(`rejected ${JSON.stringify(fields)}: ${decision.left.reason}`);
  return decision.right;
};

/** The rejection of a trade command; a test failure when it was accepted. */
export const tradeRejection = (
  book: AgreementBook,
  fields: Record<string, unknown>,
  history: readonly TradeEvent[] = [],
): Rejection => {
  const decision = tradeDecision(book, fields, history);
  if (isLeft(decision)) return decision.left;
  throw new Error(`expected a rejection of ${JSON.stringify(fields)}, got events`);
};

/** A trade-closed line: T1, C1, 1 FIXED lot of EURUSD closed 2026-09-10, overridden by `fields`. */
export const tradeLine = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'trade-closed',
  tradeId: 'T1',
  clientId: 'C1',
  accountType: 'FIXED',
  symbol: 'EURUSD',
  lots: '1',
  closedAt: '2026-09-10T00:00:00Z',
  ...fields,
});

/** The one accrual a first delivery of this trade makes; a test failure for anything else. */
export const accrualOf = (
  book: AgreementBook,
  fields: Record<string, unknown> = {},
): RebateAccrued => {
  const events = tradeEvents(book, tradeLine(fields));
  const [event] = events;
  if (events.length !== 1 || event?.type !== 'RebateAccrued')
    throw new Error(`expected one RebateAccrued, got ${JSON.stringify(events)}`);
  return event;
};

/** A decimal as exact text (via formatDecimal), so assertions compare exact values. */
export const text = (value: Big): string => formatDecimal(value);

/** Any object with its decimals written as exact text: easy to compare with `toEqual`. */
export const plain = (value: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      field instanceof Decimal ? formatDecimal(field as Big) : field,
    ]),
  );

/** The reason a line is refused, or undefined when it decodes. */
export const decodeReason = (line: string): string | undefined => {
  const decoded = decodeLine(line);
  return isLeft(decoded) ? decoded.left : undefined;
};

/**
 * The payouts of a first run over the given payables, each earned under the client's latest
 * partner (or `P1` for a client never attached).
 */
export const payoutsOf = (
  book: AgreementBook,
  fields: Record<string, unknown>,
  balances: Record<string, string>,
): PayoutRequested[] => {
  const decision = decidePayoutRun(command({ type: 'run-payouts', ...fields }) as RunPayouts, {
    book,
    payouts: emptyPayoutBook,
    payables: Object.entries(balances).map(([clientId, balance]) => ({
      clientId,
      parts: new Map([[currentPartnerId(book, clientId) ?? 'P1', Decimal(balance)]]),
    })),
  });
  if (isLeft(decision)) throw new Error(`run-payouts rejected: ${decision.left.reason}`);
  return decision.right.filter(
    (event): event is PayoutRequested => event.type === 'PayoutRequested',
  );
};

/**
 * The seed of a property run: FC_SEED replays a failure, otherwise a fresh one. Printed for
 * every property so any failure can be replayed (fast-check prints it in its report too).
 */
export const propertySeed = (property: string): number => {
  const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
  console.log(`property "${property}": seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
};
