/**
 * An instant as canonical UTC ISO-8601 text: `2026-09-01T00:00:00Z`, with a fraction of a second
 * only when the input had a non-zero one (up to nanoseconds, trailing zeros dropped).
 * Offsets are whole minutes, so converting to UTC never touches the fraction: no precision is lost.
 */
export type Instant = string & { readonly __instant: unique symbol };

const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

const MINUTE_MS = 60_000;

const offsetMinutes = (zone: string): number | undefined => {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
};

/** Parses ISO-8601 text that carries a zone; undefined for anything else or an impossible date. */
export const parseInstant = (text: string): Instant | undefined => {
  const match = ISO_WITH_ZONE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone = ''] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which maps years 0-99 to 1900-1999
  local.setUTCHours(h, mi, s, 0);
  const valid =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  const offset = offsetMinutes(zone);
  if (!valid || offset === undefined) return undefined;
  const shifted = new Date(local.getTime() - offset * MINUTE_MS);
  // Four-digit years only, so canonical text always sorts like time.
  if (shifted.getUTCFullYear() < 1 || shifted.getUTCFullYear() > 9999) return undefined;
  const utc = shifted.toISOString().slice(0, 19);
  const trimmed = fraction.replace(/0+$/, '');
  return `${utc}${trimmed ? `.${trimmed}` : ''}Z` as Instant;
};

/** Fixed-width text that sorts like time: the fraction padded to nanoseconds. */
export const instantSortKey = (instant: Instant): string => {
  const fraction = instant.length > 20 ? instant.slice(20, -1) : '';
  return `${instant.slice(0, 19)}.${fraction.padEnd(9, '0')}`;
};

export const compareInstants = (a: Instant, b: Instant): number => {
  const ka = instantSortKey(a);
  const kb = instantSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export const isBefore = (a: Instant, b: Instant): boolean => compareInstants(a, b) < 0;
