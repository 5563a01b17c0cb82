import { emptyBook } from '../src';
import {
  accepted,
  accrualOf,
  agentWithClient,
  applyTo,
  bookOf,
  plain,
  rejected,
  rejectionOf,
} from './support';

/** Rules sections 1-3 and 6: partners, attachments, the agent-only rebate commands, back-dating. */

const register = (partnerId: string, model: string, at: string) => ({
  type: 'register-partner',
  partnerId,
  model,
  at,
});
const attach = (partnerId: string, clientId: string, at: string) => ({
  type: 'attach-client',
  partnerId,
  clientId,
  at,
});
const defaultRate = (partnerId: string, percent: string, at: string) => ({
  type: 'set-rebate-rate',
  partnerId,
  percent,
  at,
});
const clientRate = (partnerId: string, clientId: string, percent: string, at: string) => ({
  ...defaultRate(partnerId, percent, at),
  clientId,
});

/** P1 (agent) with C1, plus P0 (introducer) with C0 and P2 (agent) with C2; broker FIXED 15. */
const base = bookOf(
  ...agentWithClient,
  register('P0', 'introducer', '2026-09-01T00:00:00Z'),
  register('P2', 'agent', '2026-09-01T00:00:00Z'),
  attach('P0', 'C0', '2026-09-01T00:00:00Z'),
  attach('P2', 'C2', '2026-09-01T00:00:00Z'),
);

const rebateCommands = [
  'set-rebate-rate',
  'suspend-rebates',
  'resume-rebates',
  'cancel-rebates',
] as const;
const rebateCommand = (
  type: (typeof rebateCommands)[number],
  fields: Record<string, unknown>,
): Record<string, unknown> => ({
  type,
  ...(type === 'set-rebate-rate' ? { percent: '10' } : {}),
  ...fields,
});

describe('registering partners', () => {
  test('given a new partner, when registered, then PartnerRegistered records id, model and UTC time', () => {
    expect(accepted(emptyBook, register('P1', 'agent', '2026-09-01T03:00:00+03:00'))).toEqual([
      {
        type: 'PartnerRegistered',
        partnerId: 'P1',
        model: 'agent',
        parentId: null,
        at: '2026-09-01T00:00:00Z',
      },
    ]);
  });

  test('given a registered partner, when registered again, then "partner P1 already registered"', () => {
    expect(rejected(base, register('P1', 'agent', '2026-09-10T00:00:00Z'))).toEqual({
      code: 'already-registered',
      reason: 'partner P1 already registered',
      field: 'partnerId',
    });
    expect(rejectionOf(base, register('P0', 'agent', '2026-09-10T00:00:00Z'))).toBe(
      'partner P0 already registered',
    );
  });

  test('given any non-empty model, when registered, then the partner exists with that model', () => {
    const book = applyTo(emptyBook, register('P7', 'affiliate', '2026-09-01T00:00:00Z'));
    expect(book.partners.get('P7')?.model).toBe('affiliate');
  });
});

describe('attaching clients', () => {
  test('given a new client, when attached, then ClientAttached has no previous partner', () => {
    expect(accepted(base, attach('P1', 'C5', '2026-09-02T00:00:00Z'))).toEqual([
      {
        type: 'ClientAttached',
        partnerId: 'P1',
        clientId: 'C5',
        previousPartnerId: null,
        at: '2026-09-02T00:00:00Z',
      },
    ]);
  });

  test('given an unknown partner, when a client is attached to it, then "unknown partner P9"', () => {
    expect(rejected(base, attach('P9', 'C5', '2026-09-02T00:00:00Z'))).toEqual({
      code: 'unknown-partner',
      reason: 'unknown partner P9',
      field: 'partnerId',
    });
  });

  test('given a client of P1, when re-attached to P2, then the event names the previous partner', () => {
    expect(accepted(base, attach('P2', 'C1', '2026-09-05T00:00:00Z'))).toEqual([
      {
        type: 'ClientAttached',
        partnerId: 'P2',
        clientId: 'C1',
        previousPartnerId: 'P1',
        at: '2026-09-05T00:00:00Z',
      },
    ]);
  });

  test('given a re-attachment at t, then trades before t count for the old partner, at/after t for the new', () => {
    const book = bookOf(
      ...agentWithClient,
      register('P2', 'agent', '2026-09-01T00:00:00Z'),
      defaultRate('P1', '10', '2026-09-01T00:00:00Z'),
      defaultRate('P2', '40', '2026-09-01T00:00:00Z'),
      attach('P2', 'C1', '2026-09-05T12:00:00+02:00'),
    );
    const before = accrualOf(book, { closedAt: '2026-09-05T09:59:59.999Z' });
    const atT = accrualOf(book, { closedAt: '2026-09-05T10:00:00Z' });
    const after = accrualOf(book, { closedAt: '2026-09-20T00:00:00Z' });
    expect(plain(before)).toMatchObject({ partnerId: 'P1', percent: '10', rebate: '1.5' });
    expect(plain(atT)).toMatchObject({ partnerId: 'P2', percent: '40', rebate: '6' });
    expect(plain(after)).toMatchObject({ partnerId: 'P2', percent: '40', rebate: '6' });
  });

  test('given a client attached at t, when re-attached before t, then it is rejected as back-dated', () => {
    const book = bookOf(
      ...agentWithClient,
      register('P2', 'agent', '2026-08-01T00:00:00Z'),
      attach('P1', 'C1', '2026-09-03T00:00:00Z'),
    );
    // Re-attaching is a command about the client's current partner P1 too (rules, section 2).
    const rejection = rejected(book, attach('P2', 'C1', '2026-09-02T00:00:00Z'));
    expect(rejection.code).toBe('back-dated');
    expect(rejection.reason).toBe(
      'at 2026-09-02T00:00:00Z is earlier than the latest accepted command for partner P1 (2026-09-03T00:00:00Z)',
    );
  });

  test('given a client attached to P1, when attached to P1 again, then it is accepted and changes nothing', () => {
    const book = bookOf(...agentWithClient, defaultRate('P1', '20', '2026-09-01T00:00:00Z'));
    const events = accepted(book, attach('P1', 'C1', '2026-09-03T00:00:00Z'));
    expect(events).toEqual([
      {
        type: 'ClientAttached',
        partnerId: 'P1',
        clientId: 'C1',
        previousPartnerId: 'P1',
        at: '2026-09-03T00:00:00Z',
      },
    ]);
    const again = applyTo(book, attach('P1', 'C1', '2026-09-03T00:00:00Z'));
    for (const closedAt of ['2026-09-02T00:00:00Z', '2026-09-04T00:00:00Z'])
      expect(plain(accrualOf(again, { closedAt }))).toMatchObject({
        partnerId: 'P1',
        percent: '20',
        rebate: '3',
      });
  });
});

describe('rebate commands need the agent model', () => {
  test.each(rebateCommands)(
    'given an introducer partner, when %s is sent (partner-wide or for a client), then it is rejected saying so',
    (type) => {
      for (const scope of [{}, { clientId: 'C0' }])
        expect(
          rejected(
            base,
            rebateCommand(type, { partnerId: 'P0', at: '2026-09-02T00:00:00Z', ...scope }),
          ),
        ).toEqual({
          code: 'not-agent',
          reason: 'rebates require the agent cooperation model',
          field: 'partnerId',
        });
    },
  );

  test('given models other than exactly "agent", then rebate commands are rejected', () => {
    const book = bookOf(
      register('PA', 'affiliate', '2026-09-01T00:00:00Z'),
      register('PB', 'Agent', '2026-09-01T00:00:00Z'),
    );
    for (const partnerId of ['PA', 'PB'])
      expect(rejectionOf(book, defaultRate(partnerId, '10', '2026-09-02T00:00:00Z'))).toBe(
        'rebates require the agent cooperation model',
      );
  });

  test('given a non-agent partner, then clients attach and remuneration is recorded with no rebate', () => {
    expect(accepted(base, attach('P0', 'C7', '2026-09-02T00:00:00Z'))).toHaveLength(1);
    expect(plain(accrualOf(base, { clientId: 'C0', lots: '2' }))).toMatchObject({
      partnerId: 'P0',
      usdPerLot: '15',
      remunerationSource: 'broker',
      remuneration: '30',
      percent: '0',
      rateRule: 'none',
      rebate: '0',
      net: '30',
    });
  });

  test('given an unknown partner, then "unknown partner" is reported before the model', () => {
    for (const type of rebateCommands)
      expect(
        rejected(base, rebateCommand(type, { partnerId: 'P9', at: '2026-09-02T00:00:00Z' })),
      ).toEqual({ code: 'unknown-partner', reason: 'unknown partner P9', field: 'partnerId' });
  });

  test('given a non-agent partner and a back-dated command, then the model is reported first', () => {
    const book = applyTo(base, attach('P0', 'C8', '2026-09-05T00:00:00Z'));
    expect(rejectionOf(book, defaultRate('P0', '10', '2026-09-02T00:00:00Z'))).toBe(
      'rebates require the agent cooperation model',
    );
  });
});

describe('commands about clients', () => {
  test('given an unknown client, when a rebate command names it, then "unknown client C9"', () => {
    for (const type of rebateCommands)
      expect(
        rejected(
          base,
          rebateCommand(type, { partnerId: 'P1', clientId: 'C9', at: '2026-09-02T00:00:00Z' }),
        ),
      ).toEqual({ code: 'unknown-client', reason: 'unknown client C9', field: 'clientId' });
  });

  test("given another partner's client, when a rebate command names it, then it is not attached", () => {
    for (const type of rebateCommands)
      expect(
        rejected(
          base,
          rebateCommand(type, { partnerId: 'P1', clientId: 'C2', at: '2026-09-02T00:00:00Z' }),
        ),
      ).toEqual({
        code: 'not-attached',
        reason: 'client C2 is not attached to partner P1',
        field: 'clientId',
      });
  });

  test('given a client that left P1 at t, when P1 sets its rate after t, then it is not attached', () => {
    const book = applyTo(base, attach('P2', 'C1', '2026-09-05T00:00:00Z'));
    expect(rejectionOf(book, clientRate('P1', 'C1', '10', '2026-09-06T00:00:00Z'))).toBe(
      'client C1 is not attached to partner P1',
    );
    expect(rejectionOf(book, clientRate('P2', 'C1', '10', '2026-09-06T00:00:00Z'))).toBeUndefined();
  });

  test('given a re-attachment and a rate at the same time, then arrival order decides attachment', () => {
    const book = applyTo(base, attach('P2', 'C1', '2026-09-05T00:00:00Z'));
    expect(rejectionOf(book, clientRate('P1', 'C1', '10', '2026-09-05T00:00:00Z'))).toBe(
      'client C1 is not attached to partner P1',
    );
  });

  test('given a client attached later than the command time, then it is not attached at that time', () => {
    const book = bookOf(
      ...agentWithClient,
      register('P2', 'agent', '2026-08-01T00:00:00Z'),
      attach('P2', 'C5', '2026-08-02T00:00:00Z'),
      attach('P1', 'C5', '2026-09-05T00:00:00Z'),
    );
    // C5 left P2 at 09-05; the move is a command about P2 too, so P2's watermark is 09-05.
    expect(rejectionOf(book, clientRate('P2', 'C5', '10', '2026-09-06T00:00:00Z'))).toBe(
      'client C5 is not attached to partner P2',
    );
    expect(rejectionOf(book, clientRate('P2', 'C5', '10', '2026-09-04T00:00:00Z'))).toBe(
      'at 2026-09-04T00:00:00Z is earlier than the latest accepted command for partner P2 (2026-09-05T00:00:00Z)',
    );
  });
});

describe('no-op commands', () => {
  const scopes = [{}, { clientId: 'C1' }];

  test('given nothing suspended, when resumed, then it is accepted and recorded', () => {
    for (const scope of scopes)
      expect(
        accepted(base, {
          type: 'resume-rebates',
          partnerId: 'P1',
          at: '2026-09-02T00:00:00Z',
          ...scope,
        }),
      ).toEqual([
        {
          type: 'RebatesResumed',
          partnerId: 'P1',
          clientId: 'clientId' in scope ? 'C1' : null,
          at: '2026-09-02T00:00:00Z',
        },
      ]);
  });

  test('given a suspension, when suspended again, then it is accepted and still suspended once', () => {
    for (const scope of scopes) {
      const suspend = { type: 'suspend-rebates', partnerId: 'P1', ...scope };
      const book = bookOf(...agentWithClient, defaultRate('P1', '20', '2026-09-01T00:00:00Z'), {
        ...suspend,
        at: '2026-09-02T00:00:00Z',
      });
      expect(accepted(book, { ...suspend, at: '2026-09-03T00:00:00Z' })).toHaveLength(1);
      const twice = bookOf(
        ...agentWithClient,
        defaultRate('P1', '20', '2026-09-01T00:00:00Z'),
        { ...suspend, at: '2026-09-02T00:00:00Z' },
        { ...suspend, at: '2026-09-03T00:00:00Z' },
        { type: 'resume-rebates', partnerId: 'P1', ...scope, at: '2026-09-04T00:00:00Z' },
      );
      // One resume lifts it: a second suspend did not stack.
      expect(plain(accrualOf(twice, { closedAt: '2026-09-05T00:00:00Z' }))).toMatchObject({
        rateRule: 'default',
        rebate: '3',
      });
    }
  });

  test('given no rate, when cancelled, then it is accepted and recorded', () => {
    for (const scope of scopes)
      expect(
        accepted(base, {
          type: 'cancel-rebates',
          partnerId: 'P1',
          at: '2026-09-02T00:00:00Z',
          ...scope,
        }),
      ).toEqual([
        {
          type: 'RebatesCancelled',
          partnerId: 'P1',
          clientId: 'clientId' in scope ? 'C1' : null,
          at: '2026-09-02T00:00:00Z',
        },
      ]);
  });
});

describe('back-dating', () => {
  const book = bookOf(...agentWithClient, defaultRate('P1', '10', '2026-09-05T00:00:00Z'));

  test.each([
    ['set-rebate-rate', defaultRate('P1', '20', '2026-09-04T23:59:59Z')],
    ['set-rebate-rate for a client', clientRate('P1', 'C1', '20', '2026-09-04T00:00:00Z')],
    ['suspend-rebates', { type: 'suspend-rebates', partnerId: 'P1', at: '2026-09-04T00:00:00Z' }],
    ['resume-rebates', { type: 'resume-rebates', partnerId: 'P1', at: '2026-09-04T00:00:00Z' }],
    [
      'cancel-rebates for a client',
      { type: 'cancel-rebates', partnerId: 'P1', clientId: 'C1', at: '2026-09-04T00:00:00Z' },
    ],
    ['attach-client', attach('P1', 'C5', '2026-09-04T00:00:00Z')],
    [
      'partner-specific set-remuneration',
      {
        type: 'set-remuneration',
        partnerId: 'P1',
        accountType: 'FIXED',
        usdPerLot: '12',
        at: '2026-09-04T00:00:00Z',
      },
    ],
  ])(
    'given a command for P1 at 09-05, when %s is dated earlier, then it is rejected',
    (_, fields) => {
      const rejection = rejected(book, fields);
      expect(rejection.code).toBe('back-dated');
      expect(rejection.reason).toContain('P1');
    },
  );

  test('given a command at t, when another comes at an equal time, then both apply in arrival order', () => {
    const equal = bookOf(
      ...agentWithClient,
      defaultRate('P1', '10', '2026-09-05T00:00:00Z'),
      defaultRate('P1', '20', '2026-09-05T03:00:00+03:00'),
    );
    expect(plain(accrualOf(equal, { closedAt: '2026-09-05T00:00:00Z' }))).toMatchObject({
      percent: '20',
      rebate: '3',
    });
  });

  test("given P1's latest command, then another partner's commands may be dated earlier", () => {
    const withP2 = applyTo(book, register('P2', 'agent', '2026-09-01T00:00:00Z'));
    expect(rejectionOf(withP2, defaultRate('P2', '20', '2026-09-02T00:00:00Z'))).toBeUndefined();
  });

  test('given the back-dating checks, then back-dated is reported before unknown or unattached clients', () => {
    expect(rejected(book, clientRate('P1', 'C9', '20', '2026-09-04T00:00:00Z')).code).toBe(
      'back-dated',
    );
    const withC2 = bookOf(
      ...agentWithClient,
      register('P2', 'agent', '2026-09-01T00:00:00Z'),
      attach('P2', 'C2', '2026-09-01T00:00:00Z'),
      defaultRate('P1', '10', '2026-09-05T00:00:00Z'),
    );
    expect(rejected(withC2, clientRate('P1', 'C2', '20', '2026-09-04T00:00:00Z')).code).toBe(
      'back-dated',
    );
  });

  test('given a rejected command, then it does not move the watermark', () => {
    const afterRejection = book;
    expect(rejectionOf(afterRejection, clientRate('P1', 'C9', '20', '2026-09-08T00:00:00Z'))).toBe(
      'unknown client C9',
    );
    // The rejected 09-08 command left P1 at 09-05: a 09-06 command is still in time.
    expect(
      rejectionOf(afterRejection, defaultRate('P1', '20', '2026-09-06T00:00:00Z')),
    ).toBeUndefined();
  });

  test('given an accepted no-op, then it moves the watermark', () => {
    const afterNoOp = applyTo(book, {
      type: 'resume-rebates',
      partnerId: 'P1',
      at: '2026-09-08T00:00:00Z',
    });
    expect(rejected(afterNoOp, defaultRate('P1', '20', '2026-09-06T00:00:00Z')).code).toBe(
      'back-dated',
    );
  });

  // BUG (spec 2: "a command about a partner (or about one of its clients) whose `at` is earlier
  // than the latest accepted command for that partner is rejected"): agreement/decide.ts:57-80
  // checks only the NEW partner's watermark and the client's last attachment, never the
  // partner the client is leaving, so P1's client can be taken away before P1's latest command.
  test("given P1's latest command at 09-10, when P1's client is re-attached to P2 at 09-05, then it is back-dated", () => {
    const book = bookOf(
      ...agentWithClient,
      register('P2', 'agent', '2026-09-01T00:00:00Z'),
      clientRate('P1', 'C1', '50', '2026-09-10T00:00:00Z'),
    );
    expect(rejected(book, attach('P2', 'C1', '2026-09-05T00:00:00Z')).code).toBe('back-dated');
  });

  test('given a partner registered at t, when a command for it is dated before t, then it is back-dated', () => {
    expect(rejected(base, attach('P2', 'C5', '2026-08-31T23:59:59Z')).code).toBe('back-dated');
  });
});

describe('broker-wide set-remuneration back-dating', () => {
  const broker = (usdPerLot: string, at: string, accountType = 'FIXED') => ({
    type: 'set-remuneration',
    accountType,
    usdPerLot,
    at,
  });
  const book = bookOf(...agentWithClient, broker('20', '2026-09-05T00:00:00Z'));

  test('given a broker-wide schedule at t, when another is dated before t, then it is rejected', () => {
    const rejection = rejected(book, broker('18', '2026-09-04T00:00:00Z'));
    expect(rejection.code).toBe('back-dated');
    // Any account type: broker-wide commands share one clock.
    expect(rejected(book, broker('5', '2026-09-04T00:00:00Z', 'STANDARD')).code).toBe('back-dated');
  });

  test('given broker-wide schedules at equal times, then the later-arriving one applies', () => {
    const equal = applyTo(book, broker('25', '2026-09-05T02:00:00+02:00'));
    expect(plain(accrualOf(equal, { closedAt: '2026-09-05T00:00:00Z' }))).toMatchObject({
      usdPerLot: '25',
      remuneration: '25',
    });
  });

  test('given partner commands later than a broker-wide one, then broker-wide commands keep their own clock', () => {
    const later = applyTo(book, defaultRate('P1', '10', '2026-09-09T00:00:00Z'));
    expect(rejectionOf(later, broker('21', '2026-09-06T00:00:00Z'))).toBeUndefined();
  });

  test('given a broker-wide schedule at t, then a partner-specific one may be dated before t', () => {
    expect(
      rejectionOf(book, {
        type: 'set-remuneration',
        partnerId: 'P1',
        accountType: 'FIXED',
        usdPerLot: '12',
        at: '2026-09-02T00:00:00Z',
      }),
    ).toBeUndefined();
  });

  test('given an unknown partner, when a partner-specific schedule names it, then it is rejected', () => {
    expect(
      rejected(book, {
        type: 'set-remuneration',
        partnerId: 'P9',
        accountType: 'FIXED',
        usdPerLot: '12',
        at: '2026-09-06T00:00:00Z',
      }),
    ).toEqual({ code: 'unknown-partner', reason: 'unknown partner P9', field: 'partnerId' });
  });

  test('given a partner-specific schedule, then it is recorded with its partner, a non-agent one too', () => {
    expect(
      accepted(base, {
        type: 'set-remuneration',
        partnerId: 'P0',
        accountType: 'FIXED',
        usdPerLot: '12.5',
        at: '2026-09-06T00:00:00Z',
      }).map(plain),
    ).toEqual([
      {
        type: 'RemunerationSet',
        accountType: 'FIXED',
        usdPerLot: '12.5',
        partnerId: 'P0',
        symbol: null,
        at: '2026-09-06T00:00:00Z',
      },
    ]);
  });
});
