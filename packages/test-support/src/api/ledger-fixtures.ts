import type { TestApi } from './test-api';

/**
 * A small ledger built through the API: FIXED pays 15 USD per lot broker-wide; P1 (agent, 20%
 * default) with C1 and C3, P2 (agent) with C2, P0 (introducer) with C0. Commands are received
 * on 2026-09-01 (the test clock); trades close on 2026-09-02 and later.
 */
export const seedLedger = async (api: TestApi): Promise<void> => {
  const steps: [string, string, unknown][] = [
    ['PUT', '/v1/remuneration/FIXED', { usdPerLot: '15' }],
    ['POST', '/v1/partners', { partnerId: 'P0', model: 'introducer' }],
    ['POST', '/v1/partners', { partnerId: 'P1', model: 'agent' }],
    ['POST', '/v1/partners', { partnerId: 'P2', model: 'agent' }],
    ['POST', '/v1/partners/P0/clients', { clientId: 'C0' }],
    ['POST', '/v1/partners/P1/clients', { clientId: 'C1' }],
    ['POST', '/v1/partners/P1/clients', { clientId: 'C3' }],
    ['POST', '/v1/partners/P2/clients', { clientId: 'C2' }],
    ['PUT', '/v1/partners/P1/rebate-rate', { percent: '20' }],
  ];
  for (const [method, path, body] of steps) {
    const answer = await api.call(method, path, { as: 'admin', body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.text}`);
  }
};

export { trade } from '../trade-line';

/** The largest position a command or batch answered with: pass it as minPosition. */
export const positionOf = (json: unknown): string => {
  const positions: bigint[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, field] of Object.entries(value)) {
        if (key === 'position' && typeof field === 'string') positions.push(BigInt(field));
        else visit(field);
      }
    }
  };
  visit(json);
  if (positions.length === 0) throw new Error(`no position in ${JSON.stringify(json)}`);
  return positions.reduce((a, b) => (a > b ? a : b)).toString();
};
