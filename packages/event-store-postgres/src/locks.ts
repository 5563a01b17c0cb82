/**
 * Advisory lock keys, in PostgreSQL's two-int form: a class per purpose and the schema's hash,
 * so stores in different schemas of one database never wait for each other.
 */
export const MIGRATION_LOCK = 0x45530001;
export const APPEND_LOCK = 0x45530002;

/** FNV-1a of the schema name as a signed 32-bit int: stable across processes and versions. */
export function schemaLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(schema, 'utf8')) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash | 0;
}
