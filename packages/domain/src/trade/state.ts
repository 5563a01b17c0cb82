import type { RebateAccrued, TradeEvent } from '../events/trade-events';
import type { TradeClosed } from '../input/lines';
import type { Big } from '../values/decimal';
import type { Instant } from '../values/instant';

/** What the ledger knows of one trade: the content it first arrived with, and where it stands. */
export interface TradeFacts {
  readonly tradeId: string;
  readonly clientId: string;
  readonly accountType: string;
  readonly symbol: string;
  readonly accountId: string | null;
  readonly lots: Big;
  readonly closedAt: Instant;
  readonly openedAt: Instant | null;
}

export type TradeState =
  | { readonly status: 'absent' }
  | { readonly status: 'accrued'; readonly facts: TradeFacts; readonly accrual: RebateAccrued }
  | { readonly status: 'unattributed'; readonly facts: TradeFacts }
  | { readonly status: 'cancelled'; readonly facts: TradeFacts };

export const absentTrade: TradeState = { status: 'absent' };

export const factsOf = (source: TradeClosed | TradeFacts): TradeFacts => ({
  tradeId: source.tradeId,
  clientId: source.clientId,
  accountType: source.accountType,
  symbol: source.symbol,
  accountId: source.accountId ?? null,
  lots: source.lots,
  closedAt: source.closedAt,
  openedAt: source.openedAt ?? null,
});

/** Same trade content: decimals and instants compared by value, not by spelling. */
export const sameFacts = (a: TradeFacts, b: TradeFacts): boolean =>
  a.tradeId === b.tradeId &&
  a.clientId === b.clientId &&
  a.accountType === b.accountType &&
  a.symbol === b.symbol &&
  a.accountId === b.accountId &&
  a.lots.eq(b.lots) &&
  a.closedAt === b.closedAt &&
  a.openedAt === b.openedAt;

export const evolveTrade = (state: TradeState, event: TradeEvent): TradeState => {
  switch (event.type) {
    case 'RebateAccrued':
      return { status: 'accrued', facts: factsOf(event), accrual: event };
    case 'TradeUnattributed':
      return { status: 'unattributed', facts: factsOf(event) };
    case 'RebateReversed':
    case 'UnattributedTradeCancelled':
      return state.status === 'absent' ? state : { status: 'cancelled', facts: state.facts };
  }
};
