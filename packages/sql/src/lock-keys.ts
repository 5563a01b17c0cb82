/**
 * PostgreSQL advisory lock keys in the two-int form `(class, key)`: one class per purpose, all
 * listed here so no two purposes share one, and a key hashed from the schema (and projection),
 * so stores and read models in different schemas of one database never wait for each other.
 */
export const LOCK_CLASSES = {
  /** Event store: one migration run per schema at a time. */
  storeMigration: 0x45530001,
  /** Event store: appends to one schema, one at a time (positions in commit order). */
  storeAppend: 0x45530002,
  /** Read models: one migration run per schema at a time. */
  readModelMigration: 0x524d0001,
  /** Read models: one active processor per projection. */
  readModelProcessor: 0x524d0002,
} as const;

/** FNV-1a of `text` as a signed 32-bit int: stable across processes and versions. */
export function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash | 0;
}
