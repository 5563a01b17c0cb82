import { type ApiRoute, mintToken, routeTable } from '@rebate/api';
import {
  backends,
  seedLedger,
  trade,
  type CallOptions,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_SECRET,
  type TestApi,
  startTestApi,
  tokenFor,
} from '@rebate/test-support/api';

/**
 * Each role x each endpoint, from the route table: a route missing from `expected` fails the
 * test, so a new endpoint cannot ship without its row. Partners are P1 (owner of C1, C3) and
 * P2 (owner of C2); "other" is P2's token aimed at P1's data.
 */

type PartnerAccess = 'own' | 'never';
interface Row {
  readonly admin: boolean;
  readonly finance: boolean;
  readonly partner: PartnerAccess;
}
const adminOnly: Row = { admin: true, finance: false, partner: 'never' };
const ownPartnerOrAdmin: Row = { admin: true, finance: false, partner: 'own' };
const staffReads: Row = { admin: true, finance: true, partner: 'never' };
const everyoneOwn: Row = { admin: true, finance: true, partner: 'own' };

const expected: Readonly<Record<string, Row | 'public'>> = {
  registerPartner: adminOnly,
  attachClient: adminOnly,
  setBrokerRemuneration: adminOnly,
  setPartnerRemuneration: adminOnly,
  setDefaultRate: ownPartnerOrAdmin,
  setClientRate: ownPartnerOrAdmin,
  suspendPartnerRebates: ownPartnerOrAdmin,
  resumePartnerRebates: ownPartnerOrAdmin,
  cancelPartnerRebates: ownPartnerOrAdmin,
  suspendClientRebates: ownPartnerOrAdmin,
  resumeClientRebates: ownPartnerOrAdmin,
  cancelClientRebates: ownPartnerOrAdmin,
  runPayouts: adminOnly,
  setPayoutHold: adminOnly,
  setBrokerQualification: adminOnly,
  setPartnerQualification: adminOnly,
  setBrokerSymbolRemuneration: adminOnly,
  setPartnerSymbolRemuneration: adminOnly,
  setDefaultOverrideRate: ownPartnerOrAdmin,
  setChildOverrideRate: ownPartnerOrAdmin,
  payoutCompleted: adminOnly,
  payoutFailed: adminOnly,
  listPayouts: everyoneOwn,
  getPayout: everyoneOwn,
  getPayoutRun: staffReads,
  intakeTrades: adminOnly,
  importCommands: adminOnly,
  listPartners: staffReads,
  getPartner: everyoneOwn,
  listPartnerClients: everyoneOwn,
  listClients: staffReads,
  getClient: everyoneOwn,
  partnerStatement: everyoneOwn,
  clientStatement: everyoneOwn,
  listSubPartners: everyoneOwn,
  subPartnerStatement: everyoneOwn,
  listAccruals: everyoneOwn,
  getAgreement: everyoneOwn,
  runAudit: staffReads,
  getAudit: staffReads,
  trialBalance: staffReads,
  partnerReconciliation: staffReads,
  clientReconciliation: staffReads,
  liveness: 'public',
  readiness: 'public',
  metrics: staffReads,
};

/** P1A, a sub-partner of P1; run RA pays C1 and C3. */
const seedPayouts = async (api: TestApi): Promise<void> => {
  const steps: [string, string, unknown][] = [
    ['POST', '/v1/partners', { partnerId: 'P1A', model: 'agent', parentId: 'P1' }],
    ['POST', '/v1/trades', trade('TRA1', 'C1', '1')],
    ['POST', '/v1/trades', trade('TRA3', 'C3', '1')],
  ];
  for (const [method, path, body] of steps) {
    const answer = await api.call(method, path, { as: 'admin', body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.text}`);
  }
  api.clock.set('2026-09-10T00:00:00Z');
  const run = await api.call('POST', '/v1/payout-runs', {
    as: 'admin',
    body: { runId: 'RA', minimumUsd: '0.01' },
  });
  if (run.status >= 300) throw new Error(`payout run: ${run.text}`);
};

/** An audit job the `getAudit` row reads. */
let auditId = '';

let serial = 0;
/** A request that succeeds when allowed; a cross-partner one carries a marker rate, 77. */
const sampleRequest = (route: ApiRoute, crossPartner = false): { path: string } & CallOptions => {
  serial += 1;
  const path = route.path
    .replace(':partnerId', 'P1')
    .replace(':clientId', 'C1')
    .replace(':accountType', 'FIXED')
    .replace(':symbol', 'EURUSD')
    .replace(':childId', 'P1A')
    .replace(':subPartnerId', 'P1A')
    .replace(':runId', 'RA')
    .replace(':auditId', auditId)
    // RA pays C1 and C3 (P1's clients): one to complete, one to fail, one to read.
    .replace(':payoutId', route.id === 'payoutFailed' ? 'RA%2FC3' : 'RA%2FC1');
  const query: Record<string, string> = {
    partnerStatement: '?from=2026-09-01&to=2026-09-30',
    clientStatement: '?from=2026-09-01&to=2026-09-30',
    subPartnerStatement: '?from=2026-09-01&to=2026-09-30',
    listAccruals: '?partnerId=P1',
    listPayouts: '?partnerId=P1',
  };
  const percent = crossPartner ? '77' : '20';
  const bodies: Record<string, CallOptions> = {
    registerPartner: { body: { partnerId: `PX${serial}`, model: 'agent' } },
    attachClient: { body: { clientId: 'C1' } },
    setBrokerRemuneration: { body: { usdPerLot: '15' } },
    setPartnerRemuneration: { body: { usdPerLot: '15' } },
    setDefaultRate: { body: { percent } },
    setClientRate: { body: { percent } },
    runPayouts: { body: {} },
    setPayoutHold: { body: { days: 0 } },
    setBrokerQualification: { body: { minHoldSeconds: 0 } },
    setPartnerQualification: { body: { minHoldSeconds: 0 } },
    setBrokerSymbolRemuneration: { body: { usdPerLot: '15' } },
    setPartnerSymbolRemuneration: { body: { usdPerLot: '15' } },
    setDefaultOverrideRate: { body: { percent } },
    setChildOverrideRate: { body: { percent } },
    runAudit: { body: { partnerId: 'P1' } },
    payoutCompleted: { body: {} },
    payoutFailed: { body: { reason: 'bank refused' } },
    intakeTrades: { body: trade(`TX${serial}`, 'C1', '1') },
    importCommands: {
      raw: JSON.stringify(trade(`TY${serial}`, 'C1', '1')),
      contentType: 'application/x-ndjson',
    },
  };
  if (route.body.kind !== 'none' && bodies[route.id] === undefined) {
    throw new Error(`no sample body for ${route.id}: add one`);
  }
  return { path: `${path}${query[route.id] ?? ''}`, ...bodies[route.id] };
};

/** The samples are valid, so an allowed call succeeds outright. */
const isAllowed = (status: number) => status >= 200 && status < 300;

describe.each(backends)('authorization matrix on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
    await seedLedger(api);
    await seedPayouts(api);
    const started = await api.call('POST', '/v1/audits', { as: 'admin' });
    auditId = (started.json as { id: string }).id;
    await api.audits.settled();
  });
  afterAll(() => api?.close());

  test('every route of the table has a row, and every row a route', () => {
    expect(routeTable.map((route) => route.id).sort()).toEqual(Object.keys(expected).sort());
  });

  const send = (route: ApiRoute, options: CallOptions, crossPartner = false) => {
    const { path, ...request } = sampleRequest(route, crossPartner);
    return api.call(route.method, path, { ...request, ...options });
  };

  test.each(routeTable.map((route) => [route.id, route] as const))(
    '%s: admin, finance, own partner, other partner',
    async (_id, route) => {
      const row = expected[route.id];
      if (row === undefined) throw new Error(`${route.id} has no row`);
      if (row === 'public') {
        for (const as of [undefined, 'admin', 'finance', { partner: 'P1' }] as const) {
          expect((await send(route, as === undefined ? {} : { as })).status).toBe(200);
        }
        return;
      }
      const outcome = async (as: CallOptions['as'], crossPartner = false) => {
        const answer = await send(route, { as }, crossPartner);
        return isAllowed(answer.status) ? 'allowed' : answer.status;
      };
      expect({
        admin: await outcome('admin'),
        finance: await outcome('finance'),
        ownPartner: await outcome({ partner: 'P1' }),
        otherPartner: await outcome({ partner: 'P2' }, true),
      }).toEqual({
        admin: row.admin ? 'allowed' : 403,
        finance: row.finance ? 'allowed' : 403,
        ownPartner: row.partner === 'own' ? 'allowed' : 403,
        otherPartner: 403,
      });
    },
  );

  test.each(
    routeTable.filter((route) => route.access.kind === 'token').map((r) => [r.id, r] as const),
  )('%s: 401 without a valid token', async (_id, route) => {
    const bad = [
      undefined,
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
      { authorization: `Bearer ${await tokenFor('admin', '-1m')}` },
      {
        authorization: `Bearer ${await mintToken({ secret: 'another-secret-of-thirty-two-bytes!!', role: 'admin', issuer: TEST_ISSUER, audience: TEST_AUDIENCE })}`,
      },
      {
        authorization: `Bearer ${await mintToken({ secret: TEST_SECRET, role: 'admin', issuer: TEST_ISSUER, audience: 'someone-else' })}`,
      },
      {
        authorization: `Bearer ${await mintToken({ secret: TEST_SECRET, role: 'partner', issuer: TEST_ISSUER, audience: TEST_AUDIENCE })}`,
      },
    ];
    for (const as of bad) {
      const answer = await send(route, as === undefined ? {} : { as });
      expect({ as, status: answer.status }).toEqual({ as, status: 401 });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.json).toMatchObject({ code: 'unauthenticated' });
    }
  });

  test('a partner cannot read a client of another partner, nor probe for unknown ones', async () => {
    const p1 = { as: { partner: 'P1' } };
    for (const path of [
      '/v1/clients/C2',
      '/v1/clients/C2/statement?from=2026-09-01&to=2026-09-30',
      '/v1/clients/NOBODY',
    ]) {
      const answer = await api.call('GET', path, p1);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
    }
  });

  describe('sub-partners: P1 <- P1A <- P1AA, and P2 <- P2A', () => {
    const p1 = { as: { partner: 'P1' } } as const;
    beforeAll(async () => {
      for (const [partnerId, parentId] of [
        ['P1AA', 'P1A'],
        ['P2A', 'P2'],
      ]) {
        const answer = await api.call('POST', '/v1/partners', {
          as: 'admin',
          body: { partnerId, model: 'agent', parentId },
        });
        if (answer.status >= 300) throw new Error(answer.text);
      }
    });
    const statement = (subPartnerId: string) =>
      `/v1/partners/P1/sub-partners/${subPartnerId}/statement?from=2026-09-01&to=2026-09-30`;

    test('a partner reads its tree, direct and indirect, with summaries only', async () => {
      const tree = await api.call('GET', '/v1/partners/P1/sub-partners', p1);
      expect(tree.status).toBe(200);
      const items = (tree.json as { items: Record<string, unknown>[] }).items;
      expect(items.map((item) => [item['partnerId'], item['parentId'], item['depth']])).toEqual([
        ['P1A', 'P1', 1],
        ['P1AA', 'P1A', 2],
      ]);
      // Never the sub-partners' clients, rebates or net.
      for (const item of items)
        expect(Object.keys(item).sort()).toEqual(
          [
            'depth',
            'lots',
            'model',
            'overridesPaid',
            'overridesReceived',
            'parentId',
            'partnerId',
            'remuneration',
            'trades',
          ].sort(),
        );
      expect((await api.call('GET', statement('P1AA'), p1)).status).toBe(200);
    });

    test('another tree and an unknown id answer the same 404; another root is 403', async () => {
      const answers = await Promise.all(
        ['P2A', 'P2', 'P1', 'NOBODY'].map((id) => api.call('GET', statement(id), p1)),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.json).toMatchObject({ code: 'unknown-partner', field: 'subPartnerId' });
      }
      const details = answers.map((answer) => (answer.json as { detail: string }).detail);
      expect(details.map((detail) => detail.replace(/sub-partner \S+ /, 'sub-partner X '))).toEqual(
        Array(4).fill('unknown sub-partner X of partner P1'),
      );
      for (const path of ['/v1/partners/P1A/sub-partners', '/v1/partners/P2/sub-partners'])
        expect((await api.call('GET', path, p1)).status).toBe(403);
    });

    test('override rates: a partner sets them only for its direct sub-partners, no probing', async () => {
      const put = (childId: string, as: CallOptions['as']) =>
        api.call('PUT', `/v1/partners/P1/sub-partners/${childId}/override-rate`, {
          as,
          body: { percent: '10' },
        });
      expect((await put('P1A', p1.as)).status).toBe(200);
      const refused = await Promise.all(
        ['P1AA', 'P2A', 'P2', 'NOBODY'].map((id) => put(id, p1.as)),
      );
      expect(refused.map((answer) => answer.status)).toEqual([422, 422, 422, 422]);
      expect(refused.map((answer) => (answer.json as { detail: string }).detail)).toEqual(
        ['P1AA', 'P2A', 'P2', 'NOBODY'].map(
          (id) => `partner ${id} is not a direct sub-partner of partner P1`,
        ),
      );
      // Staff keep the precise answer.
      expect((await put('NOBODY', 'admin')).status).toBe(404);
      expect((await put('P2A', 'admin')).status).toBe(422);
      // A sub-partner sets its own default for the level below it.
      const own = await api.call('PUT', '/v1/partners/P1A/override-rate', {
        as: { partner: 'P1A' },
        body: { percent: '5' },
      });
      expect(own.status).toBe(200);
      const up = await api.call('PUT', '/v1/partners/P1/override-rate', {
        as: { partner: 'P1A' },
        body: { percent: '5' },
      });
      expect(up.status).toBe(403);
    });
  });

  test('refused cross-partner commands changed nothing', async () => {
    const agreement = await api.call('GET', '/v1/partners/P1/agreement', { as: 'admin' });
    const percents = (agreement.json as { history: { percent: string | null }[] }).history.map(
      (change) => change.percent,
    );
    expect(percents).toContain('20');
    expect(percents).not.toContain('77');
  });

  test('a token with an alg of none is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ role: 'admin', iss: TEST_ISSUER, aud: TEST_AUDIENCE }),
    ).toString('base64url');
    const answer = await api.call('GET', '/v1/partners', {
      as: { authorization: `Bearer ${header}.${claims}.` },
    });
    expect(answer.status).toBe(401);
  });
});
