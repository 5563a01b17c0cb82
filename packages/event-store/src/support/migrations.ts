/** One schema change, as SQL for one store; versions count up from 1 and never change. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The migrations still to apply, in order. Refuses a database migrated by newer code (an
 * applied version this code does not know) rather than run against a schema it cannot read.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  appliedVersions: Iterable<number>,
): Migration[] {
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
