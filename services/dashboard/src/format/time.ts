/** Times are shown in UTC (the ledger's time) with the reader's local time beside. */
const pad = (n: number): string => String(n).padStart(2, '0');

export const utcText = (date: Date): string =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;

export const localText = (date: Date): string =>
  new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export const daysBefore = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

/** A `datetime-local` value read as UTC ("2026-12-02T15:04" or with seconds) as an ISO instant. */
export const utcInstant = (value: string): string | undefined => {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value);
  return match === null ? undefined : `${match[1]}${match[2] ?? ':00'}Z`;
};
