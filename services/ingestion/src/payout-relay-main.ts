#!/usr/bin/env node
import { runMain } from './payouts/run-main';
import { startPayoutRelay } from './payouts/payouts-service';

/** `node services/ingestion/dist/payout-relay-main.js`: every payout to `rebates.payouts`. */
void runMain('rebate-payout-relay', startPayoutRelay);
