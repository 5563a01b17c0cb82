import { Decimal, formatDecimal, sumOf } from '@rebate/domain';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { type SimulationReport, runScenario } from '@rebate/ledger';
import {
  type ClientReconciliation,
  ClientReconciliation as ClientReconciliationCodec,
  type PartnerReconciliation,
  PartnerReconciliation as PartnerReconciliationCodec,
  type TrialBalance,
} from '@rebate/read-models';
import { propertySeed } from '@rebate/test-support';
import {
  longScenarioWithPayouts,
  payoutResults,
} from '../../../packages/read-models/test/support/reconciliation-scenario';
import {
  backends,
  positionOf,
  type Answer,
  type TestApi,
  startTestApi,
} from '@rebate/test-support/api';

/**
 * GET /v1/reconciliation/partners and /clients over a seeded random history imported through
 * the API: the rows sum to what `runScenario` (`rebate simulate`) reports, the totals row is
 * the sum of the rows and ties to GET /v1/trial-balance, the CSV is the JSON with a header and
 * a totals row; bad input is a 400 naming the field, a partner token a 403.
 */

const sum = (values: readonly string[]): string =>
  formatDecimal(sumOf(values.map((value) => Decimal(value))));
const amount = (text: string) => formatDecimal(Decimal(text));

describe.each(backends)('reconciliation exports on $name', (backend) => {
  let api: TestApi;
  let expected: SimulationReport;
  let read: string;
  const finance = { as: 'finance' as const };
  const get = (path: string, options: Parameters<TestApi['call']>[2] = finance) =>
    api.call('GET', path, options);

  beforeAll(async () => {
    const seed = propertySeed(`reconciliation API (${backend.name})`);
    const history = longScenarioWithPayouts(seed, Number(process.env['FC_RUNS'] ?? 8));
    // The reference: the ledger's scenario runner on its own store, then the payout results.
    const reference = openSqliteEventStore({ path: ':memory:' });
    const lines = await runScenario(
      history.map((line) => JSON.stringify(line)),
      reference,
    ).then(async (report) => {
      const results = payoutResults(report);
      expected = await runScenario(
        results.map((line) => JSON.stringify(line)),
        reference,
        { runId: 'results' },
      );
      return [...history, ...results];
    });
    await reference.close();

    api = await startTestApi(backend);
    const imported = await api.call('POST', '/v1/commands', {
      as: 'admin',
      raw: lines.map((line) => JSON.stringify(line)).join('\n'),
      contentType: 'application/x-ndjson',
    });
    expect(imported.status).toBe(200);
    read = `minPosition=${positionOf(imported.json)}`;
  });
  afterAll(() => api?.close());

  const partnersDoc = async (query = ''): Promise<PartnerReconciliation> => {
    const answer = await get(`/v1/reconciliation/partners?${read}${query}`);
    expect(answer.status).toBe(200);
    expect(PartnerReconciliationCodec.is(answer.json)).toBe(true);
    return answer.json as PartnerReconciliation;
  };
  const clientsDoc = async (query = ''): Promise<ClientReconciliation> => {
    const answer = await get(`/v1/reconciliation/clients?${read}${query}`);
    expect(answer.status).toBe(200);
    expect(ClientReconciliationCodec.is(answer.json)).toBe(true);
    return answer.json as ClientReconciliation;
  };

  test('rows sum to the simulate figures; totals are the rows and tie to the trial balance', async () => {
    const partners = await partnersDoc();
    const clients = await clientsDoc();
    expect(partners).toMatchObject({ from: '0001-01-01', to: '9999-12-31', partnerId: null });
    for (const partner of expected.partners) {
      const rows = partners.rows.filter((row) => row.partnerId === partner.partnerId);
      expect({
        trades: rows.reduce((n, row) => n + row.trades, 0),
        remuneration: sum(rows.map((row) => row.remuneration)),
        rebates: sum(rows.map((row) => row.rebates)),
        net: sum(rows.map((row) => row.net)),
      }).toEqual({
        trades: partner.trades,
        remuneration: amount(partner.remuneration),
        rebates: amount(partner.rebates),
        net: amount(partner.net),
      });
    }
    for (const client of expected.clients) {
      const rows = clients.rows.filter((row) => row.clientId === client.clientId);
      expect({
        rebates: sum(rows.map((row) => row.rebates)),
        balance: rows[rows.length - 1]?.balance ?? '0',
      }).toEqual({ rebates: amount(client.rebates), balance: amount(client.balance) });
    }
    expect(partners.totals.net).toBe(sum(partners.rows.map((row) => row.net)));
    expect(clients.totals.payoutsFailed).toBe(sum(clients.rows.map((row) => row.payoutsFailed)));
    expect(clients.totals.payoutsRequested).toBe(
      sum(expected.payouts.map((payout) => payout.amount)),
    );

    const trial = (await get(`/v1/trial-balance?${read}`)).json as TrialBalance;
    const accounts = (prefix: string) =>
      sum(
        trial.accounts
          .filter((line) => line.asset === 'USD' && line.account.startsWith(prefix))
          .map((line) => line.balance),
      );
    // Total rebates - payouts (net of failures) = the sum of client balances.
    expect(clients.totals.balance).toBe(
      formatDecimal(
        Decimal(clients.totals.rebates)
          .minus(clients.totals.payoutsRequested)
          .plus(clients.totals.payoutsFailed),
      ),
    );
    expect(clients.totals.balance).toBe(accounts('client:'));
    expect(partners.totals.net).toBe(accounts('partner:'));
    expect(partners.totals.remuneration).toBe(formatDecimal(Decimal(accounts('broker:')).neg()));
  });

  test('CSV: a header, the JSON rows, a totals row; a range and one partner', async () => {
    const days = (await clientsDoc()).rows.map((row) => row.day).sort();
    const [from, to] = [days[0] as string, days[Math.floor(days.length / 2)] as string];
    const range = `&from=${from}&to=${to}`;
    const partners = await partnersDoc(range);
    const csv = await get(`/v1/reconciliation/partners?${read}${range}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="reconciliation-partners-${from}-${to}.csv"`,
    );
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(
      'day,partnerId,trades,lots,remuneration,rebates,overridesPaid,overridesReceived,net',
    );
    expect(lines.slice(1, -2)).toEqual(
      partners.rows.map((row) =>
        [
          row.day,
          row.partnerId,
          row.trades,
          row.lots,
          row.remuneration,
          row.rebates,
          row.overridesPaid,
          row.overridesReceived,
          row.net,
        ].join(','),
      ),
    );
    const t = partners.totals;
    expect(lines.slice(-2)).toEqual([
      `total,,${t.trades},${t.lots},${t.remuneration},${t.rebates},${t.overridesPaid},${t.overridesReceived},${t.net}`,
      '',
    ]);
    expect(partners.rows.every((row) => row.day >= from && row.day <= to)).toBe(true);

    const clients = await clientsDoc(range);
    const clientCsv = await get(`/v1/reconciliation/clients?${read}${range}`, {
      ...finance,
      headers: { accept: 'text/csv' },
    });
    const clientLines = clientCsv.text.split('\r\n');
    expect(clientLines[0]).toBe(
      'day,clientId,rebates,payoutsRequested,payoutsCompleted,payoutsFailed,balance',
    );
    expect(clientLines).toHaveLength(clients.rows.length + 3);
    const c = clients.totals;
    expect(clientLines[clientLines.length - 2]).toBe(
      `total,,${c.rebates},${c.payoutsRequested},${c.payoutsCompleted},${c.payoutsFailed},${c.balance}`,
    );

    // One partner: its own rows only, its clients' parts under it.
    const partnerId = expected.partners[0]?.partnerId as string;
    const mine = await partnersDoc(`&partnerId=${partnerId}`);
    expect(mine.partnerId).toBe(partnerId);
    expect(mine.rows.every((row) => row.partnerId === partnerId)).toBe(true);
    expect((await clientsDoc(`&partnerId=${partnerId}`)).totals.rebates).toBe(mine.totals.rebates);
  });

  test('the OpenAPI document serves both routes, JSON and CSV', async () => {
    const document = (await api.call('GET', '/openapi.json')).json as {
      paths: Record<string, { get?: { responses: Record<string, { content: object }> } }>;
    };
    for (const report of ['partners', 'clients']) {
      const content =
        document.paths[`/v1/reconciliation/${report}`]?.get?.responses['200']?.content;
      expect(Object.keys(content ?? {}).sort()).toEqual(['application/json', 'text/csv']);
    }
  });

  test('as of an instant before any event: no rows, zero totals', async () => {
    const before = await partnersDoc('&asOf=2000-01-01T00:00:00Z');
    expect(before.rows).toEqual([]);
    expect(before.totals).toMatchObject({ trades: 0, net: '0' });
  });

  const problem = (answer: Answer) => answer.json as { status: number; field?: string };

  test.each([
    ['from=2026-13-01', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-09-02&to=2026-09-01', 'to'],
    ['format=xml', 'format'],
    ['partnerId=', 'partnerId'],
  ])('400 for %s, naming %s', async (query, field) => {
    for (const report of ['partners', 'clients']) {
      const answer = await get(`/v1/reconciliation/${report}?${query}`);
      expect(answer.status).toBe(400);
      expect(problem(answer)).toMatchObject({ status: 400, field });
    }
  });

  test('404 for an unknown partner; partners 403; no token 401', async () => {
    for (const report of ['partners', 'clients']) {
      const unknown = await get(`/v1/reconciliation/${report}?partnerId=NOPE`);
      expect(unknown.json).toMatchObject({
        status: 404,
        code: 'unknown-partner',
        field: 'partnerId',
      });
      const partnerId = expected.partners[0]?.partnerId as string;
      for (const query of ['', `?partnerId=${partnerId}`]) {
        const denied = await get(`/v1/reconciliation/${report}${query}`, {
          as: { partner: partnerId },
        });
        expect(denied.status).toBe(403);
      }
      expect((await get(`/v1/reconciliation/${report}`, {})).status).toBe(401);
      expect((await get(`/v1/reconciliation/${report}`, { as: 'admin' })).status).toBe(200);
    }
  });
});
