import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/Either';
import {
  type AgreementBook,
  type RebateAccrued,
  type TradeEvent,
  Decimal,
  HUNDRED,
  ZERO,
  compareInstants,
  decimalPlaces,
  decodeLine,
  emptyBook,
  evolveBook,
  formatDecimal,
  lineTypes,
  parseDecimal,
  parseInstant,
  roundDownToCents,
} from '../src';
import { agreementDecision, plain, propertySeed, tradeDecision } from './support';

/**
 * Properties over random input. Every property prints its seed; replay a failure with
 * FC_SEED=<seed> (fast-check's own report also names the seed and the shrunk counterexample).
 */

const RUNS = Number(process.env['FC_RUNS'] ?? 100);

/* ----------------------------------------- generators ---------------------------------------- */

const T0 = Date.parse('2026-09-01T00:00:00Z');
const MINUTES = 30 * 24 * 60;

/** A decimal with at most `places` decimals: an integer count of 10^-places units, as text. */
const scaled = (min: number, max: number, places: number) =>
  fc
    .integer({ min, max })
    .map((units) => formatDecimal(Decimal(String(units)).div(Decimal(`1e${places}`))));

const lotsArb = scaled(1, 9_999_999, 2); // 0.01 .. 99999.99
const usdPerLotArb = scaled(0, 9_999_999, 4); // 0 .. 999.9999
const percentArb = scaled(0, 10_000, 2); // 0 .. 100

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** ISO text of T0 + minutes, written in the zone `offset` minutes east of UTC. */
const isoAt = (minutes: number, offset = 0): string => {
  const local = new Date(T0 + (minutes + offset) * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const clientArb = fc.constantFrom('C1', 'C2', 'C3', 'C4');

/** One agreement command after the set-up, without its time. */
const agreementStep: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    type: fc.constant('set-rebate-rate'),
    partnerId: fc.constantFrom('P1', 'P2'),
    percent: percentArb,
    clientId: maybe(clientArb),
  }),
  fc.record({
    type: fc.constantFrom('suspend-rebates', 'resume-rebates', 'cancel-rebates'),
    partnerId: fc.constantFrom('P1', 'P2'),
    clientId: maybe(clientArb),
  }),
  fc.record({
    type: fc.constant('set-remuneration'),
    accountType: fc.constantFrom('FIXED', 'STANDARD', 'ECN'),
    usdPerLot: usdPerLotArb,
    partnerId: maybe(fc.constantFrom('P0', 'P1', 'P2')),
  }),
  fc.record({
    type: fc.constant('attach-client'),
    partnerId: fc.constantFrom('P0', 'P1', 'P2'),
    clientId: clientArb,
  }),
);

/** Folds commands into a book; rejected ones (e.g. a rate for a client attached elsewhere) are skipped. */
const foldBook = (lines: Record<string, unknown>[]): AgreementBook =>
  lines.reduce((book, line) => {
    const decision = agreementDecision(book, line);
    return isLeft(decision) ? book : decision.right.reduce(evolveBook, book);
  }, emptyBook);

/** P1 and P2 agents, P0 an introducer, C1-C4 attached, broker schedules; then random terms. */
const bookArb: fc.Arbitrary<AgreementBook> = fc
  .record({
    fixed: usdPerLotArb,
    standard: usdPerLotArb,
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: MINUTES }), agreementStep), {
      maxLength: 30,
    }),
  })
  .map(({ fixed, standard, steps }) => {
    const start = isoAt(-24 * 60);
    return foldBook([
      { type: 'set-remuneration', accountType: 'FIXED', usdPerLot: fixed, at: start },
      { type: 'set-remuneration', accountType: 'STANDARD', usdPerLot: standard, at: start },
      { type: 'register-partner', partnerId: 'P0', model: 'introducer', at: start },
      { type: 'register-partner', partnerId: 'P1', model: 'agent', at: start },
      { type: 'register-partner', partnerId: 'P2', model: 'agent', at: start },
      { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: start },
      { type: 'attach-client', partnerId: 'P1', clientId: 'C2', at: start },
      { type: 'attach-client', partnerId: 'P2', clientId: 'C3', at: start },
      { type: 'attach-client', partnerId: 'P0', clientId: 'C4', at: start },
      ...[...steps]
        .sort(([a], [b]) => a - b)
        .map(([minute, step]) => ({ ...step, at: isoAt(minute) })),
    ]);
  });

interface TradeSpec {
  readonly clientId: string;
  readonly accountType: string;
  readonly symbol: string;
  readonly lots: string;
  readonly minute: number;
}

const tradeSpecArb: fc.Arbitrary<TradeSpec> = fc.record({
  clientId: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C9'),
  accountType: fc.constantFrom('FIXED', 'STANDARD', 'ECN'),
  symbol: fc.constantFrom('EURUSD', 'XAUUSD'),
  lots: lotsArb,
  minute: fc.integer({ min: -2 * 24 * 60, max: MINUTES + 60 }),
});

const tradeLineOf = (tradeId: string, spec: TradeSpec) => ({
  type: 'trade-closed',
  tradeId,
  clientId: spec.clientId,
  accountType: spec.accountType,
  symbol: spec.symbol,
  lots: spec.lots,
  closedAt: isoAt(spec.minute),
});

/** The same trade spelled differently: closedAt in another zone, lots as a JSON number. */
const respelled = (line: ReturnType<typeof tradeLineOf>, spec: TradeSpec, offset: number) => ({
  ...line,
  lots: Number(spec.lots),
  closedAt: isoAt(spec.minute, offset),
});

/* ----------------------------------------- properties ---------------------------------------- */

describe('money properties', () => {
  test('for random terms and trades: 0 <= rebate <= remuneration = rebate + net, each exactly recomputable', () => {
    fc.assert(
      fc.property(
        bookArb,
        fc.array(tradeSpecArb, { minLength: 1, maxLength: 20 }),
        (book, specs) => {
          specs.forEach((spec, index) => {
            const decision = tradeDecision(book, tradeLineOf(`T${index}`, spec));
            if (isLeft(decision)) throw new Error(decision.left.reason);
            for (const event of decision.right) {
              if (event.type !== 'RebateAccrued') continue;
              expect(event.percent.gte(ZERO) && event.percent.lte(HUNDRED)).toBe(true);
              expect(event.rebate.gte(ZERO)).toBe(true);
              expect(event.rebate.lte(event.remuneration)).toBe(true);
              expect(event.remuneration.eq(event.rebate.plus(event.net))).toBe(true);
              expect(event.remuneration.eq(event.lots.times(event.usdPerLot))).toBe(true);
              expect(event.rebate.times(HUNDRED).eq(event.remuneration.times(event.percent))).toBe(
                true,
              );
            }
          });
        },
      ),
      { seed: propertySeed('rebate bounds and conservation'), numRuns: RUNS },
    );
  });

  test('for random lots, usdPerLot and percent: the rebate is the exact product, never rounded', () => {
    fc.assert(
      fc.property(lotsArb, usdPerLotArb, percentArb, (lots, usdPerLot, percent) => {
        const book = foldBook([
          { type: 'set-remuneration', accountType: 'FIXED', usdPerLot, at: isoAt(0) },
          { type: 'register-partner', partnerId: 'P1', model: 'agent', at: isoAt(0) },
          { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: isoAt(0) },
          { type: 'set-rebate-rate', partnerId: 'P1', percent, at: isoAt(0) },
        ]);
        const decision = tradeDecision(
          book,
          tradeLineOf('T1', { clientId: 'C1', accountType: 'FIXED', symbol: 'X', lots, minute: 1 }),
        );
        if (isLeft(decision)) throw new Error(decision.left.reason);
        const accrual = decision.right[0] as RebateAccrued;
        const remuneration = Decimal(lots).times(Decimal(usdPerLot));
        const rebate = remuneration.times(Decimal(percent)).div(HUNDRED);
        expect(formatDecimal(accrual.remuneration)).toBe(formatDecimal(remuneration));
        expect(formatDecimal(accrual.rebate)).toBe(formatDecimal(rebate));
        expect(formatDecimal(accrual.net)).toBe(formatDecimal(remuneration.minus(rebate)));
        // At most 2 + 4 + 2 + 2 decimals: nothing was cut.
        expect(decimalPlaces(accrual.rebate)).toBeLessThanOrEqual(10);
      }),
      { seed: propertySeed('exact rebate'), numRuns: RUNS },
    );
  });
});

describe('arrival order', () => {
  /** Runs trade lines through their streams; what each stream holds, and the duplicates. */
  const processAll = (book: AgreementBook, lines: Record<string, unknown>[]) => {
    const streams = new Map<string, TradeEvent[]>();
    let duplicates = 0;
    const rejections: string[] = [];
    for (const line of lines) {
      const tradeId = line['tradeId'] as string;
      const history = streams.get(tradeId) ?? [];
      const decision = tradeDecision(book, line, history);
      if (isLeft(decision)) rejections.push(decision.left.reason);
      else if (decision.right.length === 0) duplicates += 1;
      else streams.set(tradeId, [...history, ...decision.right]);
    }
    const byTrade = [...streams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([tradeId, events]) => [tradeId, events.map(plain)]);
    return { byTrade, duplicates, rejections };
  };

  test('for a fixed book, the decisions for a set of trades (with re-deliveries) do not depend on arrival order', () => {
    const scenario = fc
      .tuple(
        bookArb,
        fc.array(
          fc.record({
            spec: tradeSpecArb,
            redeliver: fc.boolean(),
            offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
          }),
          { minLength: 1, maxLength: 15 },
        ),
      )
      .chain(([book, trades]) => {
        const lines = trades.flatMap(({ spec, redeliver, offset }, index) => {
          const line = tradeLineOf(`T${index}`, spec);
          return redeliver ? [line, respelled(line, spec, offset)] : [line];
        });
        return fc.tuple(
          fc.constant(book),
          fc.constant(lines),
          fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
        );
      });
    fc.assert(
      fc.property(scenario, ([book, lines, shuffled]) => {
        const inOrder = processAll(book, lines);
        const reordered = processAll(book, shuffled);
        expect(inOrder.rejections).toEqual([]);
        expect(reordered).toEqual(inOrder);
      }),
      { seed: propertySeed('arrival order'), numRuns: RUNS },
    );
  });
});

describe('decoding never throws', () => {
  const outcomeIsTotal = (line: string) => {
    const decoded = decodeLine(line);
    if (isRight(decoded)) expect(lineTypes).toContain(decoded.right.type);
    else expect(decoded.left).toMatch(/\S/);
  };

  test('for arbitrary strings: always a command or a non-empty reason', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), outcomeIsTotal), {
      seed: propertySeed('decode arbitrary ascii'),
      numRuns: RUNS * 3,
    });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), outcomeIsTotal), {
      seed: propertySeed('decode arbitrary unicode'),
      numRuns: RUNS * 3,
    });
  });

  test('for arbitrary JSON text: always a command or a non-empty reason', () => {
    fc.assert(fc.property(fc.json(), outcomeIsTotal), {
      seed: propertySeed('decode arbitrary json'),
      numRuns: RUNS * 3,
    });
  });

  test('for objects of a known type with arbitrary field values: always a command or a non-empty reason', () => {
    // '+5'-like decimals are left out: they are the known bug pinned in input.test.ts and
    // values.test.ts (the decimal pattern accepts '+', big.js then throws).
    const decimalLike = fc
      .stringMatching(/^ ?[-+]?\d{0,6}(\.\d{0,6})?([eE][-+]?\d{1,3})? ?$/)
      .filter((text) => !text.trim().startsWith('+'));
    const timeLike = fc.oneof(
      fc.integer({ min: -MINUTES, max: MINUTES }).map((minute) => isoAt(minute)),
      fc.stringMatching(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,10})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/,
      ),
    );
    const value = fc.oneof(
      fc.jsonValue(),
      decimalLike,
      timeLike,
      fc.string().filter((text) => !/^\s*\+/.test(text)),
      fc.constant(null),
    );
    const fields = [
      'tradeId',
      'clientId',
      'partnerId',
      'accountType',
      'accountId',
      'symbol',
      'model',
      'lots',
      'usdPerLot',
      'percent',
      'minimumUsd',
      'closedAt',
      'at',
    ];
    const line = fc
      .tuple(
        fc.constantFrom(...lineTypes),
        fc.record(Object.fromEntries(fields.map((name) => [name, value])), { requiredKeys: [] }),
      )
      .map(([type, record]) => JSON.stringify({ type, ...record }));
    fc.assert(fc.property(line, outcomeIsTotal), {
      seed: propertySeed('decode typed objects'),
      numRuns: RUNS * 5,
    });
  });
});

describe('value properties', () => {
  test('instants: any time in any zone parses to its canonical UTC, and compares like time', () => {
    interface Spelled {
      seconds: number;
      nanos: number;
      offset: number;
      trailingZeros: number;
    }
    const spelled: fc.Arbitrary<Spelled> = fc.record({
      seconds: fc.integer({ min: -1_000_000_000, max: 4_000_000_000 }),
      nanos: fc.integer({ min: 0, max: 999_999_999 }),
      offset: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      trailingZeros: fc.nat({ max: 3 }),
    });
    const canonical = ({ seconds, nanos }: { seconds: number; nanos: number }) => {
      const fraction = pad(nanos, 9).replace(/0+$/, '');
      return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
    };
    const text = ({ seconds, nanos, offset, trailingZeros }: Spelled) => {
      const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
      const fraction = (pad(nanos, 9).replace(/0+$/, '') + '0'.repeat(trailingZeros)).slice(0, 9);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      return `${local}${fraction ? `.${fraction}` : ''}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    };
    fc.assert(
      fc.property(spelled, spelled, (a, b) => {
        const pa = parseInstant(text(a));
        const pb = parseInstant(text(b));
        expect(pa).toBe(canonical(a));
        expect(pb).toBe(canonical(b));
        const byTime = Math.sign(a.seconds - b.seconds) || Math.sign(a.nanos - b.nanos);
        expect(compareInstants(pa!, pb!)).toBe(byTime);
      }),
      { seed: propertySeed('instants'), numRuns: RUNS * 3 },
    );
  });

  test('decimals: formatting is plain (no exponent), exact, and rounding to cents only drops sub-cents', () => {
    const decimalArb = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -30, max: 30 }))
      .map(([units, exponent]) => Decimal(`${units}e${exponent}`));
    fc.assert(
      fc.property(decimalArb, (value) => {
        const written = formatDecimal(value);
        expect(written).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(parseDecimal(written)?.eq(value)).toBe(true);
        const cents = roundDownToCents(value.abs());
        const dropped = value.abs().minus(cents);
        expect(dropped.gte(ZERO) && dropped.lt(Decimal('0.01'))).toBe(true);
        expect(decimalPlaces(cents)).toBeLessThanOrEqual(2);
      }),
      { seed: propertySeed('decimals'), numRuns: RUNS * 3 },
    );
  });
});
