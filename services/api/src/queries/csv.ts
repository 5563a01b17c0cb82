/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted only when they must be. */
const field = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = <K extends string>(
  columns: readonly K[],
  rows: readonly Readonly<Record<K, unknown>>[],
): string =>
  [columns.join(','), ...rows.map((row) => columns.map((column) => field(row[column])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** CSV when asked by `format=csv`, or by `Accept: text/csv` without a `format`. */
export const wantsCsv = (
  format: 'json' | 'csv' | undefined,
  accept: string | undefined,
): boolean => (format === undefined ? /\btext\/csv\b/i.test(accept ?? '') : format === 'csv');
