import fc from 'fast-check';
import { type Instant, Decimal, compareInstants, formatDecimal, sumOf } from '@rebate/domain';
import { HeldRebates } from '../src/projections/held-rebates';
import { propertySeed } from '@rebate/test-support';

const instant = (minute: number) =>
  new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString().replace('.000Z', 'Z') as Instant;

type Step =
  | { kind: 'add'; trade: number; minute: number; cents: number }
  | { kind: 'remove'; trade: number }
  | { kind: 'upTo'; minute: number | undefined };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    trade: fc.nat(30),
    minute: fc.nat(500),
    cents: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), trade: fc.nat(30) }),
  fc.record({
    kind: fc.constant('upTo' as const),
    minute: fc.option(fc.nat(500), { nil: undefined }),
  }),
);

describe('HeldRebates', () => {
  test('the sum up to any cutoff, in any order of cutoffs, late trades and voids, equals the plain sum', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const held = new HeldRebates();
        const live = new Map<string, { closedAt: Instant; cents: number }>();
        for (const s of steps) {
          if (s.kind === 'add') {
            const id = `T${s.trade}`;
            if (live.has(id)) continue; // a trade accrues once
            live.set(id, { closedAt: instant(s.minute), cents: s.cents });
            held.add(id, instant(s.minute), Decimal(String(s.cents)).div(Decimal('100')));
          } else if (s.kind === 'remove') {
            const id = `T${s.trade}`;
            if (!live.delete(id)) continue;
            held.remove(id);
          } else {
            const cutoff = s.minute === undefined ? undefined : instant(s.minute);
            const expected = sumOf(
              [...live.values()]
                .filter((a) => cutoff !== undefined && compareInstants(a.closedAt, cutoff) <= 0)
                .map((a) => Decimal(String(a.cents)).div(Decimal('100'))),
            );
            expect(formatDecimal(held.upTo(cutoff))).toBe(formatDecimal(expected));
          }
        }
      }),
      { seed: propertySeed('held rebates'), numRuns: 300 },
    );
  });
});
