/**
 * Advisory lock keys in PostgreSQL's two-int form: a class per purpose (distinct from the event
 * store's) and a hash, so read models in different schemas never wait for each other.
 */
export const MIGRATION_LOCK = 0x524d0001;
export const PROCESSOR_LOCK = 0x524d0002;

/** FNV-1a as a signed 32-bit int: stable across processes and versions. */
export function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash | 0;
}
