import { createHash } from 'node:crypto';
import { Kafka, type KafkaMessage, Partitioners, logLevel } from 'kafkajs';
import { type Payment, Payments } from './payments';

export interface PayoutServiceOptions {
  readonly brokers: readonly string[];
  readonly payoutsTopic: string;
  readonly resultsTopic: string;
  readonly groupId: string;
  readonly databasePath: string;
  /** Share of payouts that fail (0..1), chosen by a hash of the payout id: replays agree. */
  readonly failureRate: number;
}

interface PayoutMessage {
  readonly schemaVersion: 1;
  readonly payoutId: string;
  readonly clientId: string;
  readonly amount: string;
}

const parsePayout = (message: KafkaMessage): PayoutMessage | undefined => {
  try {
    const value = JSON.parse(String(message.value)) as Partial<PayoutMessage>;
    if (value.schemaVersion !== 1 || typeof value.payoutId !== 'string') return undefined;
    if (typeof value.clientId !== 'string' || typeof value.amount !== 'string') return undefined;
    return value as PayoutMessage;
  } catch {
    return undefined;
  }
};

/** Deterministic "bank says no" for a share of the payouts. */
const fails = (payoutId: string, rate: number): boolean =>
  createHash('sha256').update(payoutId).digest().readUInt32BE(0) / 2 ** 32 < rate;

const nowInstant = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The result line of the rules for a recorded payment. */
export const resultLine = (payment: Payment): Record<string, string> =>
  payment.status === 'completed'
    ? { type: 'payout-completed', payoutId: payment.payoutId, at: payment.at }
    : {
        type: 'payout-failed',
        payoutId: payment.payoutId,
        reason: payment.reason ?? 'failed',
        at: payment.at,
      };

/**
 * A reference payout service: consumes `rebates.payouts`, "pays" each payout once (a row in its
 * SQLite file, keyed by payoutId), and publishes the result to `rebates.payout-results`. Per
 * message: record, then publish the result (acks=all), then the offset is committed; after a
 * crash the message comes again, the payment is found, and its recorded result is published
 * again (the ledger counts it as a duplicate).
 */
export const startPayoutService = async (options: PayoutServiceOptions) => {
  const kafka = new Kafka({
    brokers: [...options.brokers],
    clientId: 'example-payout-service',
    logLevel: logLevel.WARN,
  });
  const payments = new Payments(options.databasePath);
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: 8_000,
    heartbeatInterval: 1_000,
  });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [options.payoutsTopic], fromBeginning: true });
  let skipped = 0;
  // Deliveries of payouts, and those already paid (the relay is at least once).
  let delivered = 0;
  let repeated = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const payout = parsePayout(message);
      if (!payout) {
        skipped += 1; // not ours to pay; a real service would alert
        return;
      }
      const failed = fails(payout.payoutId, options.failureRate);
      const { payment, isNew } = payments.payOnce({
        payoutId: payout.payoutId,
        clientId: payout.clientId,
        amount: payout.amount,
        status: failed ? 'failed' : 'completed',
        reason: failed ? 'beneficiary bank rejected the transfer' : null,
        at: nowInstant(),
      });
      delivered += 1;
      if (!isNew) repeated += 1;
      await producer.send({
        topic: options.resultsTopic,
        acks: -1,
        messages: [{ key: payment.clientId, value: JSON.stringify(resultLine(payment)) }],
      });
    },
  });
  return {
    payments,
    skipped: () => skipped,
    delivered: () => delivered,
    repeated: () => repeated,
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
      payments.close();
    },
  };
};
