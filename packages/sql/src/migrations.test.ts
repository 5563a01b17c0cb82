import { describe, expect, it } from '@jest/globals';
import { pendingMigrations } from './migrations';

describe('pendingMigrations', () => {
  const migrations = [
    { version: 1, name: 'one', sql: '' },
    { version: 2, name: 'two', sql: '' },
  ];
  it('returns the unapplied ones in order', () => {
    expect(pendingMigrations(migrations, [1]).map((m) => m.name)).toEqual(['two']);
    expect(pendingMigrations(migrations, [1, 2])).toEqual([]);
  });
  it('refuses a database migrated by newer code and misnumbered migrations', () => {
    expect(() => pendingMigrations(migrations, [1, 2, 3])).toThrow(/unknown to this code/);
    expect(() => pendingMigrations([{ version: 2, name: 'x', sql: '' }], [])).toThrow(RangeError);
  });
});
