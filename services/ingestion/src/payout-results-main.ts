#!/usr/bin/env node
import { runMain } from './payouts/run-main';
import { startPayoutResults } from './payouts/payouts-service';

/** `node services/ingestion/dist/payout-results-main.js`: `rebates.payout-results` to the ledger. */
void runMain('rebate-payout-results', startPayoutResults);
