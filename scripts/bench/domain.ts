/**
 * Domain only: trades decided and evolved per second on one core, in memory. The agreement book
 * is folded from the scenario's setup lines first; the trade commands are decoded before the
 * clock starts, so the figure is `decideTrade` + `evolveTrade` alone.
 */
import {
  type AgreementBook,
  type TradeCommand,
  type TradeState,
  absentTrade,
  decideAgreement,
  decideTrade,
  decodeLine,
  emptyBook,
  evolveBook,
  evolveTrade,
} from '@rebate/domain';

import { type Scenario } from './scenario';

const bookOf = (lines: readonly string[]): AgreementBook => {
  let book = emptyBook;
  for (const line of lines) {
    const command = decodeLine(line);
    if (command._tag === 'Left') throw new Error(`setup line does not decode: ${line}`);
    const decided = decideAgreement(command.right as never, book);
    if (decided._tag === 'Left')
      throw new Error(`setup line rejected: ${line}: ${JSON.stringify(decided.left)}`);
    for (const event of decided.right) book = evolveBook(book, event);
  }
  return book;
};

export interface DomainFigures {
  trades: number;
  seconds: number;
  tradesPerSecond: number;
}

export const benchDomain = (scenario: Scenario): DomainFigures => {
  const book = bookOf(scenario.setup);
  const commands: TradeCommand[] = [];
  for (const flow of scenario.flow) {
    if (flow.kind !== 'trade' && flow.kind !== 'duplicate' && flow.kind !== 'cancel') continue;
    const command = decodeLine(flow.line);
    if (command._tag === 'Left') throw new Error(`trade line does not decode: ${flow.line}`);
    commands.push(command.right as TradeCommand);
  }
  const trades = new Map<string, TradeState>();
  const run = () => {
    trades.clear();
    for (const command of commands) {
      const state = trades.get(command.tradeId) ?? absentTrade;
      const decided = decideTrade(command, { trade: state, book });
      if (decided._tag === 'Left') continue;
      let next = state;
      for (const event of decided.right) next = evolveTrade(next, event);
      trades.set(command.tradeId, next);
    }
  };
  run(); // warm-up: JIT and the book's lazy structures
  const started = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    trades: commands.length,
    seconds,
    tradesPerSecond: Math.round(commands.length / seconds),
  };
};
