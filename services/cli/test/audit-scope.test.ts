import { describe, expect, jest, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { runScenario } from '@rebate/ledger';
import { audit } from '../src/commands/audit';

const at = '2026-09-01T00:00:00Z';
const setup = [
  { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at },
  { type: 'register-partner', partnerId: 'P1', model: 'agent', at },
  { type: 'register-partner', partnerId: 'P2', model: 'agent', at },
  { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at },
  { type: 'attach-client', partnerId: 'P2', clientId: 'C2', at },
  { type: 'set-rebate-rate', partnerId: 'P2', percent: '20', at },
].map((line) => JSON.stringify(line));

/** An accrual of P2's client C2 with a 90% rate where 20% was in force. */
const forged = {
  eventId: randomUUID(),
  type: 'RebateAccrued',
  data: {
    tradeId: 'F1',
    clientId: 'C2',
    accountType: 'FIXED',
    symbol: 'EURUSD',
    accountId: null,
    lots: '1',
    closedAt: '2026-09-05T00:00:00Z',
    partnerId: 'P2',
    usdPerLot: '15',
    remunerationSource: 'broker',
    remuneration: '15',
    percent: '90',
    rateRule: 'default',
    rebate: '13.5',
    net: '1.5',
  },
  metadata: { schemaVersion: 1 },
};

const runAudit = async (options: Parameters<typeof audit>[0]) => {
  const written: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = 0;
  try {
    await audit(options);
    return { text: written.join(''), exit: Number(process.exitCode ?? 0) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = 0;
  }
};

describe('rebate audit --partner, --from/--to, --format table', () => {
  test("a partner's scope reports only its own discrepancies and exits 0 for a clean partner", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'audit-scope-'));
    try {
      const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
      await runScenario(setup, store);
      await store.append('trade-F1', [forged], 'no_stream');
      await store.close();

      const p2 = await runAudit({ dataDir, partner: 'P2' });
      const report = JSON.parse(p2.text) as {
        verified: boolean;
        scope: unknown;
        discrepancies: { streamId: string; field: string }[];
      };
      expect(p2.exit).toBe(1);
      expect(report.scope).toEqual({ partnerId: 'P2' });
      expect(report.discrepancies.map((d) => d.field)).toContain('percent');
      expect(new Set(report.discrepancies.map((d) => d.streamId))).toEqual(new Set(['trade-F1']));

      const p1 = await runAudit({ dataDir, partner: 'P1' });
      expect([p1.exit, (JSON.parse(p1.text) as { verified: boolean }).verified]).toEqual([0, true]);
      const before = await runAudit({ dataDir, to: '2026-09-04' });
      expect(before.exit).toBe(0);

      const table = await runAudit({ dataDir, partner: 'P2', format: 'table' });
      expect(table.exit).toBe(1);
      expect(table.text).toMatch(/^verdict +NOT VERIFIED$/m);
      expect(table.text).toMatch(/trade-F1 +percent +90 +20/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
