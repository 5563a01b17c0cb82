/** One schema change, as SQL for one store; versions count up from 1 and never change. */
export interface Migration<Db = unknown> {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * Work SQL cannot do, run after `sql` in the same transaction (e.g. filling a new column with
   * values computed in JS, in order).
   */
  readonly backfill?: (db: Db) => void | Promise<void>;
}

/**
 * The migrations still to apply, in order. Refuses a database migrated by newer code (an
 * applied version this code does not know) rather than run against a schema it cannot read.
 */
export function pendingMigrations<M extends Pick<Migration, 'version' | 'name'>>(
  migrations: readonly M[],
  appliedVersions: Iterable<number>,
): M[] {
  const known = new Set<number>();
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new RangeError(`migration ${migration.name} has version ${migration.version}`);
    }
    known.add(migration.version);
  });
  const applied = new Set(appliedVersions);
  for (const version of applied) {
    if (!known.has(version)) {
      throw new RangeError(`database has migration ${version}, unknown to this code: upgrade it`);
    }
  }
  return migrations.filter((migration) => !applied.has(migration.version));
}
