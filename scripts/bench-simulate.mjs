#!/usr/bin/env node
// Benchmark of `rebate simulate`: generates a scenario of N trade lines (50 agent partners,
// 2,000 clients, a payout run every 10,000 trades, 1% redeliveries), runs the built CLI on it
// and prints lines/s. Usage: node scripts/bench-simulate.mjs [TRADES=100000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const trades = Number(process.argv[2] ?? 100_000);
const minute = (m) =>
  new Date(Date.UTC(2026, 8, 1) + m * 60_000).toISOString().replace('.000Z', 'Z');
const lines = [{ type: 'set-remuneration', accountType: 'FIXED', usdPerLot: '15', at: minute(0) }];
for (let p = 0; p < 50; p += 1)
  lines.push({ type: 'register-partner', partnerId: `P${p}`, model: 'agent', at: minute(0) });
for (let p = 0; p < 50; p += 1)
  lines.push({ type: 'set-rebate-rate', partnerId: `P${p}`, percent: '20', at: minute(1) });
for (let c = 0; c < 2000; c += 1)
  lines.push({ type: 'attach-client', partnerId: `P${c % 50}`, clientId: `C${c}`, at: minute(2) });
for (let i = 0; i < trades; i += 1) {
  const trade = {
    type: 'trade-closed',
    tradeId: `T${i}`,
    clientId: `C${i % 2000}`,
    accountType: 'FIXED',
    symbol: 'EURUSD',
    lots: ((i % 500) / 100 + 0.01).toFixed(2),
    closedAt: minute(10 + (i % 5000)),
  };
  lines.push(trade);
  if (i % 100 === 50) lines.push(trade); // a redelivery
  if (i % 10_000 === 9_999) lines.push({ type: 'run-payouts', at: minute(6000 + i) });
}
const file = join(mkdtempSync(join(tmpdir(), 'rebate-bench-')), 'scenario.ndjson');
writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));

const cli = new URL('../services/cli/dist/main.js', import.meta.url).pathname;
const started = process.hrtime.bigint();
const output = execFileSync(process.execPath, [cli, 'simulate', file], { maxBuffer: 1 << 30 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const report = JSON.parse(output.toString());
console.log(
  JSON.stringify({
    lines: lines.length,
    trades,
    seconds: Number(seconds.toFixed(2)),
    linesPerSecond: Math.round(lines.length / seconds),
    payouts: report.payouts.length,
    duplicates: report.duplicates,
  }),
);
