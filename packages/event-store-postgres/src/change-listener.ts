import { Client } from 'pg';
import type { ChangeNotifier } from '@rebate/event-store';

/**
 * LISTENs on the store's channel on a dedicated connection (a pooled one would be handed to
 * other queries) and wakes subscriptions on every NOTIFY. Started by the first subscription.
 * If it cannot connect or its connection drops, subscriptions still see every event through
 * their poll interval, and their next poll starts it again.
 */
export class ChangeListener {
  private client: Client | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly changes: ChangeNotifier,
  ) {}

  ensureListening(): void {
    if (this.closed) return;
    this.starting ??= this.listen().catch(() => this.forget());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    const client = this.client;
    this.forget();
    await client?.end();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', () => this.changes.notify());
    client.on('error', () => {
      this.forget();
      void client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.client = client;
    // Appends that committed while we were connecting sent notifications nobody heard.
    this.changes.notify();
  }

  private forget(): void {
    this.client = undefined;
    this.starting = undefined;
  }
}
