import * as t from 'io-ts';
import {
  Days,
  Identifier,
  InstantText,
  Lots,
  MinHoldSeconds,
  MinimumUsd,
  PayoutIdText,
  Percent,
  Reason,
  UsdPerLot,
  optional,
} from './fields';

/**
 * The input lines of the rules (section 6), in the order of the rules' table; field order inside
 * each codec decides which field a rejection names first. These are also the commands of the
 * domain, and `TradeClosed` / `TradeCancelled` are the Kafka message contract.
 */

const line = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.exact(t.type({ type: t.literal(type), ...props }), type);

export const SetRemuneration = line('set-remuneration', {
  accountType: Identifier,
  usdPerLot: UsdPerLot,
  at: InstantText,
  partnerId: optional(Identifier),
  symbol: optional(Identifier),
});

export const RegisterPartner = line('register-partner', {
  partnerId: Identifier,
  model: Identifier,
  at: InstantText,
  parentId: optional(Identifier),
});

export const AttachClient = line('attach-client', {
  partnerId: Identifier,
  clientId: Identifier,
  at: InstantText,
});

export const SetRebateRate = line('set-rebate-rate', {
  partnerId: Identifier,
  percent: Percent,
  at: InstantText,
  clientId: optional(Identifier),
});

const switchProps = { partnerId: Identifier, at: InstantText, clientId: optional(Identifier) };
export const SuspendRebates = line('suspend-rebates', switchProps);
export const ResumeRebates = line('resume-rebates', switchProps);
export const CancelRebates = line('cancel-rebates', switchProps);

export const TradeClosed = line('trade-closed', {
  tradeId: Identifier,
  clientId: Identifier,
  accountType: Identifier,
  symbol: Identifier,
  lots: Lots,
  closedAt: InstantText,
  accountId: optional(Identifier),
  openedAt: optional(InstantText),
});

export const TradeCancelled = line('trade-cancelled', {
  tradeId: Identifier,
  at: InstantText,
});

export const RunPayouts = line('run-payouts', {
  at: InstantText,
  minimumUsd: optional(MinimumUsd),
  runId: optional(Identifier),
});

export const PayoutCompletedReport = line('payout-completed', {
  payoutId: PayoutIdText,
  at: InstantText,
});

export const PayoutFailedReport = line('payout-failed', {
  payoutId: PayoutIdText,
  at: InstantText,
  reason: Reason,
});

export const SetPayoutHold = line('set-payout-hold', {
  days: Days,
  at: InstantText,
});

export const SetQualification = line('set-qualification', {
  minHoldSeconds: MinHoldSeconds,
  at: InstantText,
  partnerId: optional(Identifier),
});

export const SetOverrideRate = line('set-override-rate', {
  partnerId: Identifier,
  percent: Percent,
  at: InstantText,
  childId: optional(Identifier),
});

export const lineCodecs = {
  'set-remuneration': SetRemuneration,
  'register-partner': RegisterPartner,
  'attach-client': AttachClient,
  'set-rebate-rate': SetRebateRate,
  'suspend-rebates': SuspendRebates,
  'resume-rebates': ResumeRebates,
  'cancel-rebates': CancelRebates,
  'trade-closed': TradeClosed,
  'trade-cancelled': TradeCancelled,
  'run-payouts': RunPayouts,
  'payout-completed': PayoutCompletedReport,
  'payout-failed': PayoutFailedReport,
  'set-payout-hold': SetPayoutHold,
  'set-qualification': SetQualification,
  'set-override-rate': SetOverrideRate,
} as const;

export type LineType = keyof typeof lineCodecs;
export const lineTypes = Object.keys(lineCodecs) as LineType[];

export type SetRemuneration = t.TypeOf<typeof SetRemuneration>;
export type RegisterPartner = t.TypeOf<typeof RegisterPartner>;
export type AttachClient = t.TypeOf<typeof AttachClient>;
export type SetRebateRate = t.TypeOf<typeof SetRebateRate>;
export type SuspendRebates = t.TypeOf<typeof SuspendRebates>;
export type ResumeRebates = t.TypeOf<typeof ResumeRebates>;
export type CancelRebates = t.TypeOf<typeof CancelRebates>;
export type TradeClosed = t.TypeOf<typeof TradeClosed>;
export type TradeCancelled = t.TypeOf<typeof TradeCancelled>;
export type RunPayouts = t.TypeOf<typeof RunPayouts>;
export type PayoutCompletedReport = t.TypeOf<typeof PayoutCompletedReport>;
export type PayoutFailedReport = t.TypeOf<typeof PayoutFailedReport>;
export type SetPayoutHold = t.TypeOf<typeof SetPayoutHold>;
export type SetQualification = t.TypeOf<typeof SetQualification>;
export type SetOverrideRate = t.TypeOf<typeof SetOverrideRate>;

export type AgreementCommand =
  | SetRemuneration
  | RegisterPartner
  | AttachClient
  | SetRebateRate
  | SuspendRebates
  | ResumeRebates
  | CancelRebates
  | SetPayoutHold
  | SetQualification
  | SetOverrideRate;
export const TradeCommand = t.union([TradeClosed, TradeCancelled], 'TradeCommand');
export type TradeCommand = t.TypeOf<typeof TradeCommand>;
export type PayoutResultCommand = PayoutCompletedReport | PayoutFailedReport;
export type PayoutCommand = RunPayouts | PayoutResultCommand;
export type Command = AgreementCommand | TradeCommand | PayoutCommand;

/** The trade messages' types, read from their codecs: `trade-closed`, `trade-cancelled`. */
export const tradeCommandTypes: readonly TradeCommand['type'][] = TradeCommand.types.map(
  (codec) => codec.type.props.type.value,
);
const tradeTypes = new Set<string>(tradeCommandTypes);

/**
 * A trade message, as opposed to an agreement command or a payout run or result: each trade has
 * a stream of its own, so trades are batched, never queued behind the agreements stream.
 */
export const isTradeCommand = (command: Command): command is TradeCommand =>
  tradeTypes.has(command.type);
