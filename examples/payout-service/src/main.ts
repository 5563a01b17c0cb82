#!/usr/bin/env node
import { startPayoutService } from './payout-service';

/** `node examples/payout-service/dist/main.js` (env: see README.md beside this folder). */
const env = process.env;
const rate = Number(env['FAILURE_RATE'] ?? '0.1');
if (!(rate >= 0 && rate <= 1)) {
  console.error(`FAILURE_RATE must be a number from 0 to 1 (got ${env['FAILURE_RATE']})`);
  process.exit(2);
}
void startPayoutService({
  brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  payoutsTopic: env['PAYOUTS_TOPIC'] ?? 'rebates.payouts',
  resultsTopic: env['PAYOUT_RESULTS_TOPIC'] ?? 'rebates.payout-results',
  groupId: env['GROUP_ID'] ?? 'example-payout-service',
  databasePath: env['PAYMENTS_DB'] ?? './payments.sqlite',
  failureRate: rate,
}).then((service) => {
  console.log('payout service running');
  const stop = () => void service.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
