import fc from 'fast-check';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { type SimulationReport, runScenario } from '@rebate/ledger';
import type { ClientBalance, PartnerBalance, SubPartner } from '@rebate/read-models';
import { type Line, propertySeed, scenarioLines } from '@rebate/test-support';
import {
  backends,
  amount,
  clientsOf,
  partnersOf,
  positionOf,
  startTestApi,
} from '@rebate/test-support/api';
import { auditReport } from './support/audit-job';

/**
 * The API gives the numbers `rebate simulate` gives: a random scenario (sub-partner trees,
 * override rates, qualification, symbol rates included) sent through `POST /v1/commands` on a
 * real backend, then read back through the query endpoints (partners with overrides paid and
 * received, clients, each partner's sub-partner tree), equals `runScenario` on the same lines. Replay a failure with FC_SEED=<seed printed below>.
 */

const RUNS = Number(process.env['FC_RUNS'] ?? 12);

/** What the partners above a sub-partner read of it (GET /v1/partners/{id}/sub-partners). */
const summaryOf = (p: SubPartner | SimulationReport['partners'][number]) => ({
  partnerId: p.partnerId,
  trades: p.trades,
  lots: amount(p.lots),
  remuneration: amount(p.remuneration),
  overridesPaid: amount(p.overridesPaid),
  overridesReceived: amount(p.overridesReceived),
});

/** The tree the lines registered: every partner below `root`, with its parent and depth. */
const treeBelow = (lines: readonly Line[], root: string) => {
  const parents = new Map<string, string>();
  for (const line of lines)
    if (line['type'] === 'register-partner' && typeof line['parentId'] === 'string')
      parents.set(String(line['partnerId']), line['parentId']);
  const depthBelow = (id: string): number | undefined => {
    const parent = parents.get(id);
    if (parent === undefined) return undefined;
    if (parent === root) return 1;
    const above = depthBelow(parent);
    return above === undefined ? undefined : above + 1;
  };
  return [...parents.keys()]
    .flatMap((id) => {
      const depth = depthBelow(id);
      return depth === undefined ? [] : [{ partnerId: id, parentId: parents.get(id), depth }];
    })
    .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
};

interface BulkResult {
  line: number;
  status: string;
  reason?: string;
}

describe.each(backends)('random scenarios through the API on $name', (backend) => {
  test('balances equal runScenario`s for the same lines', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioLines, async (lines: Line[]) => {
        const text = lines.map((line) => JSON.stringify(line));
        const store = openSqliteEventStore({ path: ':memory:' });
        const expected = await runScenario(text, store).finally(() => store.close());

        const api = await startTestApi(backend);
        try {
          const imported = await api.call('POST', '/v1/commands', {
            as: 'admin',
            raw: text.join('\n'),
            contentType: 'application/x-ndjson',
          });
          expect(imported.status).toBe(200);
          const { results, duplicates } = imported.json as {
            results: BulkResult[];
            duplicates: number;
          };
          const read = `minPosition=${positionOf(imported.json)}`;
          const partners = await api.call('GET', `/v1/partners?${read}`, { as: 'finance' });
          const clients = await api.call('GET', `/v1/clients?${read}`, { as: 'finance' });

          expect(partnersOf((partners.json as { items: PartnerBalance[] }).items)).toEqual(
            partnersOf(expected.partners),
          );
          expect(clientsOf((clients.json as { items: ClientBalance[] }).items)).toEqual(
            clientsOf(expected.clients),
          );
          // Each partner's sub-partner tree: the one registered, each with its own figures.
          for (const { partnerId } of expected.partners) {
            const tree = await api.call('GET', `/v1/partners/${partnerId}/sub-partners?${read}`, {
              as: 'finance',
            });
            const items = (tree.json as { items: SubPartner[] }).items;
            expect(
              items
                .map(({ partnerId: id, parentId, depth }) => ({ partnerId: id, parentId, depth }))
                .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1)),
            ).toEqual(treeBelow(lines, partnerId));
            expect(items.map(summaryOf)).toEqual(
              items.map(({ partnerId: id }) =>
                summaryOf(expected.partners.find((p) => p.partnerId === id)!),
              ),
            );
          }
          expect(
            results
              .filter((r) => r.status === 'rejected')
              .map((r) => ({ line: r.line, reason: r.reason })),
          ).toEqual(expected.rejected);
          expect(duplicates).toBe(expected.duplicates);

          expect(await auditReport(api)).toMatchObject({ consistent: true, differences: [] });
        } finally {
          await api.close();
        }
      }),
      { seed: propertySeed(`API = runScenario (${backend.name})`), numRuns: RUNS },
    );
  });
});
