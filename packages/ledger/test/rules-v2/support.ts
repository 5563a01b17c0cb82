import type { SimulationReport } from '../../src';
import { trade as tradeLine } from '@rebate/test-support';
import { simulateLines } from '../support';

/** Scenario lines as plain objects; times default to the broker's setup day. */
export type Line = Record<string, unknown>;

export const T0 = '2026-11-01T00:00:00Z';

export const remuneration = (usdPerLot: string, extra: Line = {}): Line => ({
  type: 'set-remuneration',
  accountType: 'FIXED',
  usdPerLot,
  at: T0,
  ...extra,
});
export const register = (partnerId: string, extra: Line = {}): Line => ({
  type: 'register-partner',
  partnerId,
  model: 'agent',
  at: T0,
  ...extra,
});
export const attach = (partnerId: string, clientId: string, at = T0): Line => ({
  type: 'attach-client',
  partnerId,
  clientId,
  at,
});
export const rate = (partnerId: string, percent: string, extra: Line = {}): Line => ({
  type: 'set-rebate-rate',
  partnerId,
  percent,
  at: T0,
  ...extra,
});
export const override = (partnerId: string, percent: string, extra: Line = {}): Line => ({
  type: 'set-override-rate',
  partnerId,
  percent,
  at: T0,
  ...extra,
});
export const trade = (tradeId: string, clientId: string, lots: string, extra: Line = {}): Line => ({
  ...tradeLine(tradeId, clientId, lots, '2026-11-02T10:00:00Z'),
  ...extra,
});

export const simulate = (lines: Line[]): Promise<SimulationReport> => simulateLines(lines);

export const partner = (report: SimulationReport, partnerId: string) =>
  report.partners.find((p) => p.partnerId === partnerId);
export const client = (report: SimulationReport, clientId: string) =>
  report.clients.find((c) => c.clientId === clientId);
export const reasons = (report: SimulationReport) => report.rejected.map((r) => [r.line, r.reason]);
