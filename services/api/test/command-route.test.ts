import { Decimal, type Instant, parseInstant } from '@rebate/domain';
import { ProblemError } from '../src/http/problem';
import { commandFrom } from '../src/commands/command-route';
import { commandTable } from '../src/commands/command-table';

/** The generic command route: commands come out of the domain's codec, never built by hand. */

const at = parseInstant('2026-09-01T10:00:00Z') as Instant;

describe('commandFrom', () => {
  test('given path fields, body fields and the time, then the command of that type', () => {
    const command = commandFrom(
      'set-rebate-rate',
      [{ partnerId: 'P1', clientId: 'C1' }, { percent: '12.5' }],
      at,
    );
    expect(command).toEqual({
      type: 'set-rebate-rate',
      partnerId: 'P1',
      clientId: 'C1',
      percent: Decimal('12.5'),
      at,
    });
  });

  test('given a field the command does not have, then it is dropped (exact codec)', () => {
    expect(commandFrom('suspend-rebates', [{ partnerId: 'P1', note: 'x' }], at)).toEqual({
      type: 'suspend-rebates',
      partnerId: 'P1',
      at,
    });
  });

  test('given a part that does not decode, then a 400 problem naming the field, not a 500', () => {
    let thrown: unknown;
    try {
      commandFrom('set-payout-hold', [{ days: '1.5' }], at);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as ProblemError).problem).toMatchObject({
      status: 400,
      code: 'invalid-input',
      field: 'days',
      detail: 'days must be a whole number',
    });
  });
});

describe('the command table', () => {
  test('every row is an idempotent command of its own id and binding', () => {
    const ids = commandTable.map((route) => route.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(commandTable.every((route) => route.tag === 'commands' && route.idempotent)).toBe(true);
    expect(commandTable.length).toBe(22);
  });
});
