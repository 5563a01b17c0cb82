import { Counter, Gauge, type Registry } from 'prom-client';

/** What the relay and the results consumer count. */
export class PayoutsMetrics {
  readonly published: Counter;
  readonly relayPosition: Gauge;
  readonly results: Counter<'type'>;
  readonly duplicates: Counter;
  readonly deadLettered: Counter<'code'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.published = new Counter({
      name: 'rebate_payouts_published_total',
      help: 'Payout messages published and read back (republished ones included)',
      registers,
    });
    this.relayPosition = new Gauge({
      name: 'rebate_payout_relay_checkpoint_position',
      help: 'Global position of the last event the relay checkpointed',
      registers,
    });
    this.results = new Counter({
      name: 'rebate_payout_results_applied_total',
      help: 'Payout results applied to the ledger, by type',
      labelNames: ['type'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'rebate_payout_results_duplicates_total',
      help: 'Payout results already recorded (no effect)',
      registers,
    });
    this.deadLettered = new Counter({
      name: 'rebate_payout_results_dead_lettered_total',
      help: 'Payout result messages sent to the dead-letter topic, by code',
      labelNames: ['code'],
      registers,
    });
  }
}
