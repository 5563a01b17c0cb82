import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLine } from '@rebate/domain';
import type { EventStore } from '@rebate/event-store';
import { LedgerCommands, StorePayables } from '@rebate/ledger';
import { createLogger } from '@rebate/runtime';
import { VerifiedProducer, createKafkaClient } from '@rebate/trade-source-kafka';
import { isLeft, isRight } from 'fp-ts/Either';
import { FileCheckpoint } from '../src/payouts/checkpoint-file';
import { PAYOUT_ID_HEADER, PayoutMessageV1 } from '../src/payouts/payout-message';
import { PayoutRelay, payoutIdentity } from '../src/payouts/payout-relay';
import { useBrokerAndStore } from './support/broker-test';
import { freshName } from './support/kafka';

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

describe('payout relay (real broker and store)', () => {
  let relay: PayoutRelay | undefined;
  let producer: VerifiedProducer | undefined;
  const context = useBrokerAndStore(async () => {
    await relay?.stop();
    await producer?.close();
  });

  test('every payout is published once per relay run, schema-checked, keyed by client; a restart resumes after its checkpoint', async () => {
    const { kafka, store } = context;
    const opened = await store.open();
    const topic = freshName('payouts');
    await kafka.createTopic(topic, 3);
    const checkpointPath = join(mkdtempSync(join(tmpdir(), 'relay-')), 'payout-relay.checkpoint');
    const logger = createLogger({ name: 'relay-test', level: 'fatal' });
    const startRelay = () => {
      producer = new VerifiedProducer(
        createKafkaClient({ brokers: kafka.brokers, clientId: 'relay-test', logger }),
        payoutIdentity,
      );
      relay = new PayoutRelay(
        opened,
        producer,
        new FileCheckpoint(checkpointPath),
        { topic, maxBatch: 100, lingerMs: 20 },
        logger,
      );
      return relay.start();
    };
    try {
      await applyLines(opened, payoutLines(150, 'run-1', 2, true));
      const started = Date.now();
      await startRelay();
      const first = await kafka.readAll(topic);
      const waitFor = async (count: number) => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const messages = await kafka.readAll(topic);
          if (messages.length >= count || Date.now() > deadline) return messages;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      const afterRun1 = first.length >= 150 ? first : await waitFor(150);
      const seconds = (Date.now() - started) / 1000;
      expect(afterRun1).toHaveLength(150);
      for (const message of afterRun1) {
        const decoded = PayoutMessageV1.decode(JSON.parse(String(message.value)));
        expect(isRight(decoded)).toBe(true);
        if (!isRight(decoded)) continue;
        expect(decoded.right).toEqual({
          schemaVersion: 1,
          payoutId: `run-1/${decoded.right.clientId}`,
          runId: 'run-1',
          clientId: String(message.key),
          partnerId: 'P1',
          amount: '3.00',
          currency: 'USD',
          requestedAt: '2026-11-03T00:00:00Z',
        });
        expect(String(message.headers?.[PAYOUT_ID_HEADER])).toBe(decoded.right.payoutId);
      }
      const checkpointAfterRun1 = BigInt(readFileSync(checkpointPath, 'utf8').trim());
      expect(checkpointAfterRun1).toBe(await opened.headPosition());
      await relay?.stop();
      await producer?.close();

      // Stopped: a second run happens; the restarted relay publishes only the new payouts.
      await applyLines(opened, payoutLines(150, 'run-2', 4, false));
      await startRelay();
      const all = await waitFor(300);
      expect(all).toHaveLength(300);
      expect(new Set(all.map((m) => String(m.headers?.[PAYOUT_ID_HEADER]))).size).toBe(300);
      console.log(
        `payout relay: 150 payouts published and read back in ${seconds.toFixed(1)} s; restart published only the 150 new ones`,
      );
    } finally {
      await relay?.stop();
      await opened.close();
    }
  });
});
