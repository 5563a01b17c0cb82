import { decodeLine } from '@rebate/domain';
import type { EventStore } from '@rebate/event-store';
import { LedgerCommands, StorePayables } from '@rebate/ledger';
import { isLeft } from 'fp-ts/Either';

const AT = '2026-11-01T00:00:00Z';

/** Setup, one trade per client, and a payout run: `clients` payouts of 3.00 each (2 lots x 15 x 10 %). */
export const payoutLines = (
  clients: number,
  runId: string,
  day: number,
  setup: boolean,
): string[] => {
  const lines = setup
    ? [
        { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: AT },
        { type: 'register-partner', partnerId: 'P1', model: 'agent', at: AT },
        { type: 'set-rebate-rate', partnerId: 'P1', percent: '10', at: AT },
        ...Array.from({ length: clients }, (_, i) => ({
          type: 'attach-client',
          partnerId: 'P1',
          clientId: `C${String(i).padStart(4, '0')}`,
          at: AT,
        })),
      ]
    : [];
  const closedAt = `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`;
  for (let i = 0; i < clients; i += 1) {
    lines.push({
      type: 'trade-closed',
      tradeId: `${runId}-T${i}`,
      clientId: `C${String(i).padStart(4, '0')}`,
      accountType: 'FIXED',
      symbol: 'EURUSD',
      lots: '2',
      closedAt,
    } as never);
  }
  lines.push({
    type: 'run-payouts',
    runId,
    at: `2026-11-${String(day + 1).padStart(2, '0')}T00:00:00Z`,
  } as never);
  return lines.map((line) => JSON.stringify(line));
};

export const applyLines = async (store: EventStore, lines: readonly string[]): Promise<void> => {
  const ledger = new LedgerCommands(store, new StorePayables(store));
  for (const [i, line] of lines.entries()) {
    const command = decodeLine(line);
    if (isLeft(command)) throw new Error(`bad line ${line}: ${command.left}`);
    const outcome = await ledger.execute(command.right, { commandId: `line:${i}:${line}` });
    if (outcome.kind === 'rejected')
      throw new Error(`rejected: ${line}: ${outcome.rejection.reason}`);
  }
};
