import {
  type AgreementBook,
  type RebateAccrued,
  type TradeEvent,
  applyToClientAccount,
  applyToPartnerTotals,
  emptyClientAccount,
  emptyPartnerTotals,
} from '../src';
import {
  accrualOf,
  agentWithClient,
  applyTo,
  bookOf,
  dec,
  plain,
  text,
  tradeEvents,
  tradeLine,
  tradeRejection,
} from './support';

/** Rules sections 1-4: remuneration, rates, suspension, cancellation, attribution, duplicates. */

const rate = (percent: string, at: string, clientId?: string) => ({
  type: 'set-rebate-rate',
  partnerId: 'P1',
  percent,
  at,
  ...(clientId ? { clientId } : {}),
});
const suspend = (at: string, clientId?: string) => ({
  type: 'suspend-rebates',
  partnerId: 'P1',
  at,
  ...(clientId ? { clientId } : {}),
});
const resume = (at: string, clientId?: string) => ({
  ...suspend(at, clientId),
  type: 'resume-rebates',
});
const cancel = (at: string, clientId?: string) => ({
  ...suspend(at, clientId),
  type: 'cancel-rebates',
});
const attach = (partnerId: string, clientId: string, at: string) => ({
  type: 'attach-client',
  partnerId,
  clientId,
  at,
});
const remuneration = (accountType: string, usdPerLot: string, at: string, partnerId?: string) => ({
  type: 'set-remuneration',
  accountType,
  usdPerLot,
  at,
  ...(partnerId ? { partnerId } : {}),
});

/** P1 agent with clients C1 and C2 from 09-01; broker pays 15 USD per FIXED lot. */
const withTwoClients = (...more: Record<string, unknown>[]) =>
  bookOf(...agentWithClient, attach('P1', 'C2', '2026-09-01T00:00:00Z'), ...more);

/** The rate part of an accrual, with the rebate of 1 FIXED lot (15 USD). */
const rateOf = (book: AgreementBook, closedAt: string, clientId = 'C1') => {
  const accrual = plain(
    accrualOf(book, { clientId, closedAt, tradeId: `T-${clientId}-${closedAt}` }),
  );
  return { percent: accrual['percent'], rateRule: accrual['rateRule'], rebate: accrual['rebate'] };
};

describe('remuneration', () => {
  test('given 15 USD per FIXED lot, when 2.5 lots close, then remuneration = 2.5 x 15 = 37.5', () => {
    expect(plain(accrualOf(bookOf(...agentWithClient), { lots: '2.5' }))).toMatchObject({
      lots: '2.5',
      usdPerLot: '15',
      remunerationSource: 'broker',
      remuneration: '37.5',
    });
  });

  test('given fractional lots and usdPerLot, then remuneration is their exact product', () => {
    const book = bookOf(
      ...agentWithClient,
      remuneration('STANDARD', '7.1234', '2026-09-01T00:00:00Z'),
    );
    // 0.33 x 7.1234 = 2.350722
    expect(text(accrualOf(book, { accountType: 'STANDARD', lots: '0.33' }).remuneration)).toBe(
      '2.350722',
    );
  });

  test('given a partner-specific usdPerLot, then it overrides the broker-wide one from its at only', () => {
    const book = bookOf(
      ...agentWithClient,
      remuneration('FIXED', '12', '2026-09-05T00:00:00Z', 'P1'),
    );
    expect(plain(accrualOf(book, { closedAt: '2026-09-04T23:59:59Z' }))).toMatchObject({
      usdPerLot: '15',
      remunerationSource: 'broker',
      remuneration: '15',
    });
    expect(plain(accrualOf(book, { closedAt: '2026-09-05T00:00:00Z' }))).toMatchObject({
      usdPerLot: '12',
      remunerationSource: 'partner',
      remuneration: '12',
    });
  });

  test('given a partner-specific usdPerLot of 0, then it still overrides the broker-wide one', () => {
    const book = bookOf(
      ...agentWithClient,
      remuneration('FIXED', '0', '2026-09-05T00:00:00Z', 'P1'),
    );
    expect(plain(accrualOf(book))).toMatchObject({
      usdPerLot: '0',
      remunerationSource: 'partner',
      remuneration: '0',
    });
  });

  test("given another partner's usdPerLot or another account type's, then they do not apply", () => {
    const book = bookOf(
      ...agentWithClient,
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
      remuneration('FIXED', '99', '2026-09-02T00:00:00Z', 'P2'),
      remuneration('ECN', '50', '2026-09-02T00:00:00Z', 'P1'),
    );
    expect(plain(accrualOf(book))).toMatchObject({ usdPerLot: '15', remunerationSource: 'broker' });
  });

  test('given neither schedule for the account type, then remuneration, rebate and net are 0', () => {
    const book = bookOf(...agentWithClient, rate('20', '2026-09-01T00:00:00Z'));
    expect(plain(accrualOf(book, { accountType: 'CRYPTO', lots: '3' }))).toMatchObject({
      usdPerLot: '0',
      remunerationSource: 'none',
      remuneration: '0',
      percent: '20',
      rebate: '0',
      net: '0',
    });
  });

  test('given a broker-wide change, then each trade gets the usdPerLot in force at its close', () => {
    const book = bookOf(
      { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-08-01T00:00:00Z' },
      attach('P1', 'C1', '2026-08-01T00:00:00Z'),
      remuneration('FIXED', '15', '2026-09-01T00:00:00Z'),
      remuneration('FIXED', '20', '2026-09-10T00:00:00Z'),
    );
    expect(text(accrualOf(book, { closedAt: '2026-09-09T23:59:59Z' }).usdPerLot)).toBe('15');
    expect(text(accrualOf(book, { closedAt: '2026-09-10T00:00:00Z' }).usdPerLot)).toBe('20');
    // Before any schedule existed there was none.
    expect(plain(accrualOf(book, { closedAt: '2026-08-31T00:00:00Z' }))).toMatchObject({
      remunerationSource: 'none',
      remuneration: '0',
    });
  });
});

describe('rates', () => {
  test('given a default rate of 20%, then the rebate of 1 FIXED lot is 15 x 20 / 100 = 3, net 12', () => {
    const book = bookOf(...agentWithClient, rate('20', '2026-09-01T00:00:00Z'));
    expect(plain(accrualOf(book))).toMatchObject({
      percent: '20',
      rateRule: 'default',
      remuneration: '15',
      rebate: '3',
      net: '12',
    });
  });

  test('given no rate at all, then the rebate is 0 under rule none', () => {
    expect(plain(accrualOf(bookOf(...agentWithClient)))).toMatchObject({
      percent: '0',
      rateRule: 'none',
      rebate: '0',
      net: '15',
    });
  });

  test('given an individual rate, then it overrides the default for that client only', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('50', '2026-09-02T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-03T00:00:00Z')).toEqual({
      percent: '50',
      rateRule: 'individual',
      rebate: '7.5',
    });
    expect(rateOf(book, '2026-09-03T00:00:00Z', 'C2')).toEqual({
      percent: '20',
      rateRule: 'default',
      rebate: '3',
    });
  });

  test('given an individual rate of 0, then it wins over the default', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('20', '2026-09-01T00:00:00Z'),
      rate('0', '2026-09-02T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-03T00:00:00Z')).toEqual({
      percent: '0',
      rateRule: 'individual',
      rebate: '0',
    });
  });

  test('given an individual rate and no default, then the individual rate applies', () => {
    const book = bookOf(...agentWithClient, rate('10', '2026-09-02T00:00:00Z', 'C1'));
    expect(rateOf(book, '2026-09-03T00:00:00Z')).toEqual({
      percent: '10',
      rateRule: 'individual',
      rebate: '1.5',
    });
  });

  test('given a rate set at t, then a trade closed exactly at t gets it and one closed earlier does not', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('10', '2026-09-01T00:00:00Z'),
      rate('20', '2026-09-05T12:00:00+02:00'),
    );
    expect(rateOf(book, '2026-09-05T10:00:00Z').percent).toBe('20');
    expect(rateOf(book, '2026-09-05T10:00:00.000Z').percent).toBe('20');
    expect(rateOf(book, '2026-09-05T09:59:59.999999999Z').percent).toBe('10');
    expect(rateOf(book, '2026-09-05T09:59:59.999Z').percent).toBe('10');
  });

  test('given rates over time, then late and out-of-order trades get the rate in force at their close', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('10', '2026-09-02T00:00:00Z'),
      rate('20', '2026-09-05T00:00:00Z'),
      rate('30', '2026-09-08T00:00:00Z'),
    );
    const arrivals = [
      ['2026-09-09T00:00:00Z', '30', '4.5'],
      ['2026-09-03T00:00:00Z', '10', '1.5'],
      ['2026-09-06T00:00:00Z', '20', '3'],
      ['2026-09-01T12:00:00Z', '0', '0'],
    ] as const;
    for (const [closedAt, percent, rebate] of arrivals)
      expect(rateOf(book, closedAt)).toMatchObject({ percent, rebate });
  });

  test('given a trade already accrued, when a command dated before its close arrives, then the accrual stands', () => {
    const before = bookOf(...agentWithClient, rate('10', '2026-09-02T00:00:00Z'));
    const first = tradeEvents(before, tradeLine({ closedAt: '2026-09-10T00:00:00Z' }));
    const after = applyTo(before, rate('20', '2026-09-05T00:00:00Z'));
    // Delivered again, the trade is a duplicate: nothing is recomputed.
    expect(tradeEvents(after, tradeLine({ closedAt: '2026-09-10T00:00:00Z' }), first)).toEqual([]);
    expect(text((first[0] as RebateAccrued).percent)).toBe('10');
    // A trade processed after the command gets the new rate.
    expect(rateOf(after, '2026-09-10T00:00:00Z').percent).toBe('20');
  });
});

describe('suspension', () => {
  test('given a partner-wide suspension, then no client earns and the partner keeps the whole remuneration', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      suspend('2026-09-05T00:00:00Z'),
    );
    for (const clientId of ['C1', 'C2'])
      expect(plain(accrualOf(book, { clientId, closedAt: '2026-09-05T00:00:00Z' }))).toMatchObject({
        percent: '0',
        rateRule: 'suspended',
        rebate: '0',
        remuneration: '15',
        net: '15',
      });
    expect(rateOf(book, '2026-09-04T23:59:59Z').percent).toBe('50');
  });

  test('given a client suspension, then only that client earns nothing', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      suspend('2026-09-05T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C1')).toEqual({
      percent: '0',
      rateRule: 'suspended',
      rebate: '0',
    });
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C2').rebate).toBe('3');
  });

  test('given both switches, then a client earns only when neither is on', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      suspend('2026-09-02T00:00:00Z'),
      suspend('2026-09-03T00:00:00Z', 'C1'),
      resume('2026-09-04T00:00:00Z'),
      resume('2026-09-05T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-01T12:00:00Z').rateRule).toBe('individual');
    expect(rateOf(book, '2026-09-02T12:00:00Z').rateRule).toBe('suspended'); // partner on
    expect(rateOf(book, '2026-09-03T12:00:00Z').rateRule).toBe('suspended'); // both on
    expect(rateOf(book, '2026-09-04T12:00:00Z').rateRule).toBe('suspended'); // client still on
    expect(rateOf(book, '2026-09-05T12:00:00Z')).toEqual({
      percent: '50',
      rateRule: 'individual',
      rebate: '7.5',
    });
  });

  test('given a client resume, then it does not lift the partner-wide switch', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('20', '2026-09-01T00:00:00Z'),
      suspend('2026-09-02T00:00:00Z'),
      resume('2026-09-03T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-04T00:00:00Z').rateRule).toBe('suspended');
  });

  test('given a resume, then the rates in force before the suspension are used again', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('33.33', '2026-09-01T00:00:00Z', 'C1'),
      suspend('2026-09-02T00:00:00Z'),
      resume('2026-09-03T00:00:00Z'),
    );
    expect(rateOf(book, '2026-09-03T00:00:00Z')).toEqual({
      percent: '33.33',
      rateRule: 'individual',
      rebate: '4.9995',
    });
    expect(rateOf(book, '2026-09-03T00:00:00Z', 'C2').percent).toBe('20');
  });

  test('given a rate changed while suspended, then the new rate applies after the resume', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('20', '2026-09-01T00:00:00Z'),
      suspend('2026-09-02T00:00:00Z'),
      rate('40', '2026-09-03T00:00:00Z'),
      resume('2026-09-04T00:00:00Z'),
    );
    expect(rateOf(book, '2026-09-03T12:00:00Z').rateRule).toBe('suspended');
    expect(rateOf(book, '2026-09-04T00:00:00Z')).toMatchObject({ percent: '40', rebate: '6' });
  });
});

describe('cancellation', () => {
  test('given a client cancel, then its individual rate is removed and it does not fall back to the default', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      cancel('2026-09-05T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-04T00:00:00Z').percent).toBe('50');
    expect(rateOf(book, '2026-09-05T00:00:00Z')).toEqual({
      percent: '0',
      rateRule: 'cancelled',
      rebate: '0',
    });
    expect(rateOf(book, '2026-09-05T00:00:00Z', 'C2')).toMatchObject({
      percent: '20',
      rebate: '3',
    });
  });

  test('given a client on the default rate, when cancelled, then it earns nothing even when the default changes', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('20', '2026-09-01T00:00:00Z'),
      cancel('2026-09-05T00:00:00Z', 'C1'),
      rate('25', '2026-09-06T00:00:00Z'),
    );
    expect(rateOf(book, '2026-09-07T00:00:00Z')).toEqual({
      percent: '0',
      rateRule: 'cancelled',
      rebate: '0',
    });
  });

  test('given a cancelled client, when a new individual rate is set, then it earns that rate again', () => {
    const book = bookOf(
      ...agentWithClient,
      rate('20', '2026-09-01T00:00:00Z'),
      cancel('2026-09-05T00:00:00Z', 'C1'),
      rate('10', '2026-09-07T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-06T00:00:00Z').rateRule).toBe('cancelled');
    expect(rateOf(book, '2026-09-07T00:00:00Z')).toEqual({
      percent: '10',
      rateRule: 'individual',
      rebate: '1.5',
    });
  });

  test('given a partner-wide cancel, then the default and every individual rate are removed', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      cancel('2026-09-05T00:00:00Z'),
    );
    for (const clientId of ['C1', 'C2'])
      expect(rateOf(book, '2026-09-05T00:00:00Z', clientId)).toMatchObject({
        percent: '0',
        rebate: '0',
      });
    expect(rateOf(book, '2026-09-04T00:00:00Z', 'C1').percent).toBe('50');
    expect(rateOf(book, '2026-09-04T00:00:00Z', 'C2').percent).toBe('20');
  });

  test('given a partner-wide cancel, when a new default is set, then clients without a cancel of their own use it', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      cancel('2026-09-05T00:00:00Z'),
      rate('25', '2026-09-06T00:00:00Z'),
    );
    // C1's individual 50% was removed, so it now falls back to the new default.
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C1')).toEqual({
      percent: '25',
      rateRule: 'default',
      rebate: '3.75',
    });
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C2').percent).toBe('25');
  });

  test('given a client cancel, then a partner-wide cancel and a new default do not lift it', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      cancel('2026-09-03T00:00:00Z', 'C1'),
      cancel('2026-09-05T00:00:00Z'),
      rate('25', '2026-09-06T00:00:00Z'),
    );
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C1').rateRule).toBe('cancelled');
    expect(rateOf(book, '2026-09-06T00:00:00Z', 'C2').percent).toBe('25');
  });

  test('given suspensions, then cancels do not change them', () => {
    const book = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      suspend('2026-09-02T00:00:00Z', 'C1'),
      cancel('2026-09-03T00:00:00Z', 'C1'),
      rate('10', '2026-09-04T00:00:00Z', 'C1'),
    );
    expect(rateOf(book, '2026-09-04T00:00:00Z').rateRule).toBe('suspended');
    const resumed = applyTo(book, resume('2026-09-05T00:00:00Z', 'C1'));
    expect(rateOf(resumed, '2026-09-05T00:00:00Z')).toMatchObject({ percent: '10', rebate: '1.5' });

    const partnerWide = withTwoClients(
      rate('20', '2026-09-01T00:00:00Z'),
      suspend('2026-09-02T00:00:00Z'),
      cancel('2026-09-03T00:00:00Z'),
      rate('30', '2026-09-04T00:00:00Z'),
    );
    expect(rateOf(partnerWide, '2026-09-04T00:00:00Z', 'C2').rateRule).toBe('suspended');
  });

  test('given a cancel and a new rate at the same time, then arrival order decides', () => {
    const cancelFirst = bookOf(
      ...agentWithClient,
      cancel('2026-09-05T00:00:00Z', 'C1'),
      rate('10', '2026-09-05T00:00:00Z', 'C1'),
    );
    expect(rateOf(cancelFirst, '2026-09-05T00:00:00Z').percent).toBe('10');
    const rateFirst = bookOf(
      ...agentWithClient,
      rate('10', '2026-09-05T00:00:00Z', 'C1'),
      cancel('2026-09-05T00:00:00Z', 'C1'),
    );
    expect(rateOf(rateFirst, '2026-09-05T00:00:00Z').rateRule).toBe('cancelled');
  });
});

describe('attribution', () => {
  test('given a client the ledger never saw, then the trade is unattributed and carries its facts', () => {
    expect(
      tradeEvents(bookOf(...agentWithClient), tradeLine({ clientId: 'C9', accountId: 'A-9' })).map(
        plain,
      ),
    ).toEqual([
      {
        type: 'TradeUnattributed',
        tradeId: 'T1',
        clientId: 'C9',
        accountType: 'FIXED',
        symbol: 'EURUSD',
        accountId: 'A-9',
        lots: '1',
        closedAt: '2026-09-10T00:00:00Z',
        openedAt: null,
      },
    ]);
  });

  test('given a client attached only after the close, then the trade is unattributed', () => {
    const book = bookOf(...agentWithClient, attach('P1', 'C5', '2026-09-05T00:00:00Z'));
    const [event] = tradeEvents(
      book,
      tradeLine({ clientId: 'C5', closedAt: '2026-09-04T23:59:59Z' }),
    );
    expect(event?.type).toBe('TradeUnattributed');
    const [attributed] = tradeEvents(
      book,
      tradeLine({ clientId: 'C5', closedAt: '2026-09-05T00:00:00Z' }),
    );
    expect(attributed?.type).toBe('RebateAccrued');
  });

  test("given a client re-attached to another partner, then it is judged by the new partner's terms", () => {
    const book = bookOf(
      ...agentWithClient,
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: '2026-09-01T00:00:00Z' },
      rate('50', '2026-09-01T00:00:00Z', 'C1'),
      { type: 'set-rebate-rate', partnerId: 'P2', percent: '10', at: '2026-09-01T00:00:00Z' },
      attach('P2', 'C1', '2026-09-05T00:00:00Z'),
      attach('P1', 'C1', '2026-09-08T00:00:00Z'),
    );
    expect(plain(accrualOf(book, { closedAt: '2026-09-04T00:00:00Z' }))).toMatchObject({
      partnerId: 'P1',
      percent: '50',
      rateRule: 'individual',
    });
    expect(plain(accrualOf(book, { closedAt: '2026-09-06T00:00:00Z' }))).toMatchObject({
      partnerId: 'P2',
      percent: '10',
      rateRule: 'default',
    });
    // Back with P1: P1's terms for C1 were kept.
    expect(plain(accrualOf(book, { closedAt: '2026-09-08T00:00:00Z' }))).toMatchObject({
      partnerId: 'P1',
      percent: '50',
      rateRule: 'individual',
    });
  });
});

describe('duplicates and conflicts', () => {
  const book = bookOf(...agentWithClient, rate('20', '2026-09-01T00:00:00Z'));
  const original = tradeLine({ lots: '0.25', closedAt: '2026-09-06T20:45:00Z', accountId: 'A-1' });
  const first = tradeEvents(book, original);

  test.each([
    ['the very same line', {}],
    ['lots as the JSON number 0.25', { lots: 0.25 }],
    ['lots written "0.250"', { lots: '0.250' }],
    ['closedAt in another zone', { closedAt: '2026-09-06T23:45:00+03:00' }],
    ['closedAt with a zero fraction', { closedAt: '2026-09-06T20:45:00.000Z' }],
    ['an unknown extra field', { venue: 'LD4' }],
  ])('given a trade delivered again with %s, then it is a duplicate: no events', (_, change) => {
    expect(tradeEvents(book, { ...original, ...change }, first)).toEqual([]);
  });

  test('given an optional accountId absent, when delivered again with null, then it is a duplicate', () => {
    const noAccount = tradeLine();
    const accrued = tradeEvents(book, noAccount);
    expect(tradeEvents(book, { ...noAccount, accountId: null }, accrued)).toEqual([]);
  });

  test.each([
    ['other lots', { lots: '0.26' }],
    ['another client', { clientId: 'C2' }],
    ['another account type', { accountType: 'STANDARD' }],
    ['another symbol', { symbol: 'GBPJPY' }],
    ['another account', { accountId: 'A-2' }],
    ['no account', { accountId: undefined }],
    ['a close one nanosecond later', { closedAt: '2026-09-06T20:45:00.000000001Z' }],
  ])('given the same tradeId with %s, then "conflicting duplicate of trade T1"', (_, change) => {
    expect(tradeRejection(book, { ...original, ...change }, first)).toEqual({
      code: 'conflicting-trade',
      reason: 'conflicting duplicate of trade T1',
      field: 'tradeId',
    });
  });

  test('given an unattributed trade, then duplicates and conflicts are still detected', () => {
    const unattributed = tradeLine({ clientId: 'C9' });
    const recorded = tradeEvents(book, unattributed);
    expect(recorded[0]?.type).toBe('TradeUnattributed');
    expect(tradeEvents(book, unattributed, recorded)).toEqual([]);
    expect(tradeRejection(book, { ...unattributed, lots: '2' }, recorded).reason).toBe(
      'conflicting duplicate of trade T1',
    );
  });

  test('given an unattributed trade, when its client is attached back to its close, then a redelivery is still a duplicate', () => {
    const unattributed = tradeLine({ clientId: 'C9', closedAt: '2026-09-10T00:00:00Z' });
    const recorded = tradeEvents(book, unattributed);
    const later = applyTo(book, attach('P1', 'C9', '2026-09-05T00:00:00Z'));
    expect(tradeEvents(later, unattributed, recorded)).toEqual([]);
  });

  test('given a cancelled trade, when it is delivered again, then same content is a duplicate and other content a conflict', () => {
    const cancelled = [
      ...first,
      ...tradeEvents(
        book,
        { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-11T00:00:00Z' },
        first,
      ),
    ];
    expect(tradeEvents(book, original, cancelled)).toEqual([]);
    expect(tradeRejection(book, { ...original, lots: '1' }, cancelled).reason).toBe(
      'conflicting duplicate of trade T1',
    );
  });
});

describe('trade cancellation', () => {
  const book = bookOf(...agentWithClient, rate('33.33', '2026-09-01T00:00:00Z'));
  const cancelLine = { type: 'trade-cancelled', tradeId: 'T1', at: '2026-09-12T00:00:00+02:00' };

  test('given an unknown trade, when cancelled, then "unknown trade T1"', () => {
    expect(tradeRejection(book, cancelLine)).toEqual({
      code: 'unknown-trade',
      reason: 'unknown trade T1',
      field: 'tradeId',
    });
  });

  test('given an accrued trade, when cancelled, then the reversal negates the accrual exactly', () => {
    const accrued = tradeEvents(book, tradeLine({ lots: '0.01', accountType: 'FIXED' }));
    const reversal = tradeEvents(book, cancelLine, accrued);
    // 0.01 x 15 = 0.15; 0.15 x 33.33 / 100 = 0.049995; net 0.100005
    expect(reversal.map(plain)).toEqual([
      {
        type: 'RebateReversed',
        tradeId: 'T1',
        clientId: 'C1',
        partnerId: 'P1',
        lots: '0.01',
        remuneration: '0.15',
        rebate: '0.049995',
        net: '0.100005',
        overrides: [],
        qualified: true,
        at: '2026-09-11T22:00:00Z',
      },
    ]);
  });

  test('given an accrual and its reversal, then totals and account come back to exactly zero', () => {
    const accrued = tradeEvents(book, tradeLine({ lots: '0.01' }));
    const effects = [...accrued, ...tradeEvents(book, cancelLine, accrued)] as (
      RebateAccrued | Extract<TradeEvent, { type: 'RebateReversed' }>
    )[];
    const totals = effects.reduce(applyToPartnerTotals, emptyPartnerTotals('P1'));
    expect(plain(totals)).toEqual({
      partnerId: 'P1',
      trades: 0,
      lots: '0',
      remuneration: '0',
      rebates: '0',
      overridesPaid: '0',
      overridesReceived: '0',
      net: '0',
    });
    const account = effects.reduce(applyToClientAccount, emptyClientAccount('C1', 'P1'));
    expect(plain(account)).toMatchObject({ trades: 0, lots: '0', rebates: '0', paidOut: '0' });
  });

  test('given a cancelled trade, when cancelled again, then it is a duplicate: no events', () => {
    const accrued = tradeEvents(book, tradeLine());
    const history = [...accrued, ...tradeEvents(book, cancelLine, accrued)];
    expect(tradeEvents(book, { ...cancelLine, at: '2026-09-13T00:00:00Z' }, history)).toEqual([]);
  });

  test('given an unattributed trade, when cancelled, then the cancel is recorded', () => {
    const recorded = tradeEvents(book, tradeLine({ clientId: 'C9' }));
    expect(tradeEvents(book, cancelLine, recorded)).toEqual([
      { type: 'UnattributedTradeCancelled', tradeId: 'T1', at: '2026-09-11T22:00:00Z' },
    ]);
  });
});

describe('an accrual carries everything needed to recompute it', () => {
  const book = bookOf(
    ...agentWithClient,
    remuneration('STANDARD', '7', '2026-09-01T00:00:00Z'),
    rate('33.33', '2026-09-02T00:00:00Z', 'C1'),
  );

  test('given 0.01 lots x 7 USD at 33.33%, then remuneration 0.07, rebate 0.023331, net 0.046669 (no rounding)', () => {
    const accrual = accrualOf(book, {
      accountType: 'STANDARD',
      lots: '0.01',
      symbol: 'US30',
      accountId: 'A-1',
      closedAt: '2026-09-04T07:59:00+03:00',
    });
    expect(plain(accrual)).toEqual({
      type: 'RebateAccrued',
      tradeId: 'T1',
      clientId: 'C1',
      accountType: 'STANDARD',
      symbol: 'US30',
      accountId: 'A-1',
      lots: '0.01',
      closedAt: '2026-09-04T04:59:00Z',
      openedAt: null,
      qualification: { minHoldSeconds: 0, heldSeconds: null, qualified: true },
      overrides: [],
      partnerId: 'P1',
      usdPerLot: '7',
      remunerationSource: 'broker',
      remuneration: '0.07',
      percent: '33.33',
      rateRule: 'individual',
      rebate: '0.023331',
      net: '0.046669',
    });
  });

  test('given the smallest units everywhere, then the rebate keeps every digit', () => {
    const tiny = bookOf(
      ...agentWithClient,
      remuneration('MICRO', '0.0001', '2026-09-01T00:00:00Z'),
      rate('0.01', '2026-09-02T00:00:00Z', 'C1'),
    );
    // 0.33 x 0.0001 = 0.000033; x 0.01 / 100 = 0.0000000033; net 0.0000329967
    expect(plain(accrualOf(tiny, { accountType: 'MICRO', lots: '0.33' }))).toMatchObject({
      remuneration: '0.000033',
      rebate: '0.0000000033',
      net: '0.0000329967',
    });
  });

  test('given an accrual, then lots x usdPerLot, x percent / 100, and rebate + net reproduce it', () => {
    const accrual = accrualOf(book, { accountType: 'STANDARD', lots: '12.34' });
    expect(accrual.lots.times(accrual.usdPerLot).eq(accrual.remuneration)).toBe(true);
    expect(accrual.remuneration.times(accrual.percent).div(dec('100')).eq(accrual.rebate)).toBe(
      true,
    );
    expect(accrual.rebate.plus(accrual.net).eq(accrual.remuneration)).toBe(true);
    // 12.34 x 7 = 86.38; x 33.33% = 28.790454; net 57.589546
    expect(text(accrual.rebate)).toBe('28.790454');
    expect(text(accrual.net)).toBe('57.589546');
  });

  test('given a 100% rate, then the rebate is the whole remuneration and the net is 0', () => {
    const full = bookOf(...agentWithClient, rate('100', '2026-09-02T00:00:00Z'));
    expect(plain(accrualOf(full, { lots: '0.1' }))).toMatchObject({
      remuneration: '1.5',
      rebate: '1.5',
      net: '0',
    });
  });
});
